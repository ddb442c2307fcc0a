import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { contextOf, type Principal } from '../../platform/access.js';
import type { BlobStore } from '../../platform/blobs.js';
import { withTransaction } from '../../platform/database.js';
import { ErrorBody, errorResponses, unauthorized } from '../../platform/errors.js';
import { idempotent } from '../../platform/idempotency.js';
import { literals } from '../../platform/schema-types.js';
import * as bundles from './cases.bundles.js';
import { Applicant, CaseStatusSchema } from './cases.schemas.js';
import type { CaseEngine } from './cases.service.js';
import { storeUploadedBody } from './cases.uploads.js';

const tags = ['cases 一件事'];
const errors = errorResponses;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const BundleFormQuery = Type.Object(
  { region: Type.String({ pattern: '^[0-9]{6}([0-9]{6})?$' }) },
  { additionalProperties: false },
);
const BundleFormResponse = Type.Object({
  code: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  members: Type.Array(
    Type.Object({
      basicCode: Type.String(),
      name: Type.String(),
      condition: Nullable(Type.String()),
      available: Type.Boolean(),
      implementationCode: Nullable(Type.String()),
      department: Nullable(Type.String()),
      fields: Type.Array(Type.String()),
      required: Type.Array(Type.String()),
    }),
  ),
  form: Type.Object({
    type: Type.Literal('object'),
    title: Type.String(),
    properties: Type.Record(Type.String(), Type.Unknown()),
    required: Type.Array(Type.String()),
  }),
  materials: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      necessity: Type.String(),
      sourceChannel: Type.String(),
      usedBy: Type.Array(Type.String()),
    }),
  ),
});
const BundleApplyBody = Type.Object(
  {
    bundleCode: Type.String({ pattern: '^[A-Z0-9-]{3,40}$' }),
    regionCode: Type.String({ pattern: '^[0-9]{6}([0-9]{6})?$' }),
    members: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9A-Z]{4,12}$' }), { maxItems: 20 })),
    form: Type.Record(Type.String(), Type.Unknown()),
    applicant: Applicant,
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const BundleView = Type.Object({
  id: Type.String(),
  bundleCode: Type.String(),
  bundleName: Type.String(),
  regionCode: Type.String(),
  status: literals(['draft', 'correction_required', 'in_progress', 'completed'] as const, '一件事状态'),
  form: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  members: Type.Array(
    Type.Object({
      caseId: Type.String(),
      applicationNumber: Type.String(),
      caseNumber: Nullable(Type.String()),
      itemName: Type.String(),
      implementationCode: Type.String(),
      departmentId: Type.String(),
      status: CaseStatusSchema,
      statusLabel: Type.String(),
      promisedDue: Nullable(Type.String()),
      completedAt: Nullable(Type.String()),
    }),
  ),
});
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const MaterialParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }) },
  { additionalProperties: false },
);

/** 一件事: the combined form, one application fanned out into member cases, one combined view. */
export async function caseBundleRoutes(
  fastify: FastifyInstance,
  options: { engine: () => Promise<CaseEngine>; blobs: BlobStore; uploadMaxBytes: number },
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const caller = (principal: Principal | null) => {
    if (!principal) throw unauthorized();
    return principal;
  };

  app.get(
    '/bundles/:code/form',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          '一表申请: the combined form of a bundle in a region (each fact once) and its materials (each once)',
        params: Type.Object(
          { code: Type.String({ pattern: '^[A-Z0-9-]{3,40}$' }) },
          { additionalProperties: false },
        ),
        querystring: BundleFormQuery,
        response: { 200: BundleFormResponse, ...errors },
      },
    },
    async (request) => bundles.bundleForm(db(), request.params.code, request.query.region),
  );

  app.post(
    '/bundle-applications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Apply for a bundle: one form, fanned out into a case per member item. Accepts Idempotency-Key.',
        body: BundleApplyBody,
        response: { 201: BundleView, ...errors },
      },
    },
    async (request, reply) => {
      const principal = caller(request.principal);
      const engine = await options.engine();
      return idempotent(db(), request, reply, 201, async (tx) => {
        const row = await bundles.applyBundle(tx, contextOf(request), engine, principal, request.body);
        return bundles.bundleView(tx, principal, row.id);
      });
    },
  );

  app.get(
    '/bundle-applications/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The combined status and results of a bundle application',
        params: IdParams,
        response: { 200: BundleView, ...errors },
      },
    },
    async (request) => bundles.bundleView(db(), caller(request.principal), request.params.id),
  );

  app.post(
    '/bundle-applications/:id/submit',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Submit every member case at once',
        params: IdParams,
        response: { 200: BundleView, ...errors },
      },
    },
    async (request, reply) => {
      const principal = caller(request.principal);
      const engine = await options.engine();
      return idempotent(db(), request, reply, 200, async (tx) => {
        await bundles.submitBundle(tx, contextOf(request), engine, principal, request.params.id);
        return bundles.bundleView(tx, principal, request.params.id);
      });
    },
  );

  app.put(
    '/bundle-applications/:id/materials/:key',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Upload a material once for every member case that asks for it (raw body, ?fileName=)',
        params: MaterialParams,
        querystring: Type.Object(
          { fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ materialKey: Type.String(), attachedTo: Type.Integer(), sha256: Type.String() }),
          ...errors,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = caller(request.principal);
      const { id, key } = request.params;
      await bundles.bundleView(db(), principal, id);
      const blob = await storeUploadedBody(request, key, options.blobs, options.uploadMaxBytes);
      const attachedTo = await withTransaction(db(), (tx) =>
        bundles.attachBundleUpload(tx, contextOf(request), principal, id, key, {
          ...blob,
          fileName: request.query.fileName ?? key,
        }),
      );
      return { materialKey: key, attachedTo, sha256: blob.sha256 };
    },
  );
}
