import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { validateLicenceId } from '@yiwang/codes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { contextOf, type Principal } from '../../platform/access.js';
import { systemContext } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { errorResponses, unauthorized } from '../../platform/errors.js';
import type { CaseEngine } from '../cases/cases.service.js';
import { publicKeyPem } from './licences.crypto.js';
import { licenceErrors } from './licences.errors.js';
import { LICENCE_STATUSES, type LicenceStatus, LicenceType } from './licences.model.js';
import { verificationPage } from './licences.page.js';
import { renderLicencePdf } from './licences.pdf.js';
import { licencePermissions } from './licences.policy.js';
import * as repo from './licences.repo.js';
import * as schemas from './licences.schemas.js';
import { sealSvg } from './licences.seal-image.js';
import * as service from './licences.service.js';
import * as usage from './licences.usage.js';

export interface LicencesModuleOptions {
  deps: service.LicenceDeps;
  /** The reuse source the case engine asks; refreshed after every change here. */
  /** The case engine's dependencies, for using a licence in a case. */
  engine: () => Promise<CaseEngine>;
  /** Origin of the public verification page the QR codes lead to, e.g. https://zwfw.example.gov.cn. */
  publicOrigin: string;
}

const errors = errorResponses;
const issue = { permission: licencePermissions.issue };
const manage = { permission: licencePermissions.manage };
const share = { permission: licencePermissions.share };
const Pdf = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' });

/** 电子证照 and 电子印章: types, seals, issuance, verification, the wallet, reuse and sharing. */
export async function licencesModule(
  fastify: FastifyInstance,
  options: LicencesModuleOptions,
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = options;
  const db = () => app.database.db;
  const tags = ['licences 电子证照'];
  const sealTags = ['licences 电子印章'];

  /** The principal of a route that requires one (the access policy has already refused anonymous calls). */
  const callerOf = (request: FastifyRequest): Principal => {
    if (!request.principal) throw unauthorized();
    return request.principal;
  };
  /** An identifier from the request, its check character checked. */
  const checked = (identifier: string, field = 'params.identifier') => {
    const result = validateLicenceId(identifier);
    if (!result.ok) throw licenceErrors.identifierInvalid(field, result.reason);
    return identifier;
  };
  const change = <T>(work: Parameters<typeof withTransaction<T>>[1]): Promise<T> =>
    withTransaction(db(), work);
  const verifyUrl = (identifier: string) =>
    `${options.publicOrigin}/api/v1/licences/verification/${encodeURIComponent(identifier)}`;
  const pdfOf = async (row: repo.LicenceRow) => {
    const type = await service.getType(db(), row.typeCode, 'params.identifier');
    const seal = await repo.findSeal(db(), row.sealId);
    return renderLicencePdf({
      document: service.documentOf(row, deps.cipher),
      type,
      seal: { name: seal?.name ?? row.issuerName, kind: seal?.kind ?? '' },
      verifyUrl: verifyUrl(row.identifier),
      ...(row.status === 'valid' ? {} : { statusLabel: LICENCE_STATUSES[row.status as LicenceStatus] }),
    });
  };
  const withDocument = (row: repo.LicenceRow) => ({
    summary: service.licenceSummary(row, deps.cipher),
    document: service.documentOf(row, deps.cipher),
  });

  // The shipped licence types are reference data every installation needs.
  await withTransaction(db(), (tx) => service.ensureShippedTypes(tx, systemContext('licences')));

  // Licence types (证照类型) --------------------------------------------------------------------

  app.get(
    '/licence-types',
    {
      config: { access: 'public' },
      schema: { tags, summary: '证照类型目录', response: { 200: schemas.LicenceTypeList, ...errors } },
    },
    async () => ({ items: await service.listTypes(db()) }),
  );

  app.get(
    '/licence-types/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One licence type',
        params: schemas.CodeParams,
        response: { 200: LicenceType, ...errors },
      },
    },
    async (request) => service.getType(db(), request.params.code),
  );

  app.post(
    '/licence-types',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Add a licence type',
        body: LicenceType,
        response: { 201: LicenceType, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await change((tx) => service.createType(tx, contextOf(request), request.body))),
  );

  app.put(
    '/licence-types/:code',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Change a licence type (fields, validity, template, active)',
        params: schemas.CodeParams,
        body: LicenceType,
        response: { 200: LicenceType, ...errors },
      },
    },
    async (request) =>
      change((tx) => service.updateType(tx, contextOf(request), request.params.code, request.body)),
  );

  // Electronic seals (电子印章) -------------------------------------------------------------------

  app.post(
    '/licences/seals',
    {
      config: { access: manage },
      schema: {
        tags: sealTags,
        summary: '制章: a department seal with a new SM2 key pair (private key encrypted at rest)',
        body: schemas.CreateSealBody,
        response: { 201: schemas.SealResponse, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const seal = await change((tx) =>
        service.createSeal(tx, contextOf(request), deps, request.body, `${caller.name}（${caller.id}）`),
      );
      return reply.status(201).send(seal);
    },
  );

  app.get(
    '/licences/seals',
    {
      config: { access: manage },
      schema: {
        tags: sealTags,
        summary: 'The seals of the caller’s departments',
        response: { 200: Type.Object({ items: Type.Array(schemas.SealResponse) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listSeals(db(), contextOf(request)) }),
  );

  app.get(
    '/licences/seals/registry',
    {
      config: { access: 'public' },
      schema: {
        tags: sealTags,
        summary: '印章公钥目录: every seal’s code, issuer, status and public key, for offline verifiers',
        response: { 200: Type.Object({ items: Type.Array(schemas.SealRegistryEntry) }), ...errors },
      },
    },
    async () => ({
      items: (await repo.listSeals(db(), null)).map((seal) => ({
        code: seal.code,
        issuerCode: seal.issuerCode,
        issuerName: seal.issuerName,
        kind: seal.kind,
        name: seal.name,
        validFrom: seal.validFrom,
        validUntil: seal.validUntil,
        status: seal.status as 'active',
        publicKey: seal.publicKey,
        publicKeyPem: publicKeyPem(seal.publicKey),
      })),
    }),
  );

  app.get(
    '/licences/seals/:id',
    {
      config: { access: manage },
      schema: {
        tags: sealTags,
        summary: 'One seal',
        params: schemas.IdParams,
        response: { 200: schemas.SealResponse, ...errors },
      },
    },
    async (request) => service.sealView(await service.getSeal(db(), request.params.id)),
  );

  app.get(
    '/licences/seals/:id/image',
    {
      config: { access: manage },
      schema: {
        tags: sealTags,
        summary: '印章图像 (SVG)',
        params: schemas.IdParams,
        produces: ['image/svg+xml'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const seal = await service.getSeal(db(), request.params.id);
      return reply.type('image/svg+xml; charset=utf-8').send(sealSvg(seal.name, seal.kind));
    },
  );

  app.post(
    '/licences/seals/:id/status',
    {
      config: { access: manage },
      schema: {
        tags: sealTags,
        summary: 'Suspend, reactivate or revoke (final) a seal',
        params: schemas.IdParams,
        body: schemas.SealStatusBody,
        response: { 200: schemas.SealResponse, ...errors },
      },
    },
    async (request) =>
      change((tx) =>
        service.setSealStatus(
          tx,
          contextOf(request),
          request.params.id,
          request.body.status,
          request.body.reason,
        ),
      ),
  );

  // Issuance and the registry (签发, 证照库) --------------------------------------------------------

  app.post(
    '/licences',
    {
      config: { access: issue },
      schema: {
        tags,
        summary: '签发: issue a licence (signed by the department’s active seal)',
        body: schemas.IssueBody,
        response: { 201: schemas.LicenceWithDocument, ...errors },
      },
    },
    async (request, reply) => {
      const issued = await change((tx) =>
        service.issueLicence(tx, contextOf(request), deps, request.body, { source: 'officer' }),
      );
      return reply.status(201).send(withDocument(issued.row));
    },
  );

  app.post(
    '/licences/import',
    {
      config: { access: issue },
      schema: {
        tags,
        summary: '批量导入 existing licences (all or none)',
        body: schemas.ImportBody,
        response: { 201: schemas.LicenceList, ...errors },
      },
    },
    async (request, reply) => {
      const rows = await change((tx) =>
        service.importLicences(tx, contextOf(request), deps, request.body.items),
      );
      return reply.status(201).send({ items: rows.map((row) => service.licenceSummary(row, deps.cipher)) });
    },
  );

  app.get(
    '/licences',
    {
      config: { access: issue },
      schema: {
        tags,
        summary: 'Licences issued by the caller’s departments, newest first',
        querystring: schemas.PageQuery,
        response: { 200: schemas.LicenceList, ...errors },
      },
    },
    async (request) => {
      const rows = await service.listDepartmentLicences(
        db(),
        contextOf(request),
        request.query.page ?? 1,
        request.query.pageSize ?? 20,
      );
      return { items: rows.map((row) => service.licenceSummary(row, deps.cipher)) };
    },
  );

  // The holder's wallet (我的证照): static paths, registered before /licences/:identifier.

  app.get(
    '/licences/wallet',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '我的证照: the caller’s licences (a person’s own; an enterprise’s, also for its agents)',
        response: { 200: schemas.LicenceList, ...errors },
      },
    },
    async (request) => {
      const rows = await usage.walletLicences(db(), deps, callerOf(request));
      return { items: rows.map((row) => service.licenceSummary(row, deps.cipher)) };
    },
  );

  app.get(
    '/licences/wallet/uses',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '用证记录: who used the caller’s licences, for which case, at which grade',
        response: { 200: schemas.UseList, ...errors },
      },
    },
    async (request) => ({ items: await usage.walletUses(db(), deps, callerOf(request)) }),
  );

  app.get(
    '/licences/wallet/:identifier',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'One of the caller’s licences with its signed document',
        params: schemas.IdentifierParams,
        response: { 200: schemas.LicenceWithDocument, ...errors },
      },
    },
    async (request) =>
      withDocument(
        await usage.walletLicence(db(), deps, callerOf(request), checked(request.params.identifier)),
      ),
  );

  app.get(
    '/licences/wallet/:identifier/pdf',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'One of the caller’s licences as PDF (seal, QR code, signed data attached)',
        params: schemas.IdentifierParams,
        produces: ['application/pdf'],
        response: { 200: Pdf, ...errors },
      },
    },
    async (request, reply) => {
      const row = await usage.walletLicence(
        db(),
        deps,
        callerOf(request),
        checked(request.params.identifier),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="licence-${row.typeCode}-${row.version}.pdf"`)
        .send(Buffer.from(await pdfOf(row)));
    },
  );

  app.post(
    '/licences/uses',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '用证: use a licence as a material of the caller’s case (免提交), with the holder’s consent',
        body: schemas.UseBody,
        response: { 201: schemas.UseResult, ...errors },
      },
    },
    async (request, reply) => {
      checked(request.body.identifier, 'body.identifier');
      const engine = await options.engine();
      const result = await withTransaction(db(), (tx) =>
        usage.useLicence(tx, contextOf(request), deps, engine, callerOf(request), request.body),
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/licences/cases/:caseId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'The licences used in a case, verified now, with their data (the case’s staff and applicant)',
        params: Type.Object({ caseId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: schemas.CaseLicences, ...errors },
      },
    },
    async (request) => ({
      items: await usage.caseLicences(db(), deps, callerOf(request), request.params.caseId),
    }),
  );

  // Verification (核验) and the status list -----------------------------------------------------

  app.post(
    '/licences/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '核验: a licence document or identifier → valid, or invalid with the reason',
        body: schemas.VerifyBody,
        response: { 200: schemas.VerifyResponse, ...errors },
      },
    },
    async (request) => service.verify(db(), deps, request.body),
  );

  app.get(
    '/licences/verification/:identifier',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '证照核验页 (HTML): where the QR code on a licence leads',
        params: Type.Object(
          { identifier: Type.String({ minLength: 1, maxLength: 300 }) },
          { additionalProperties: false },
        ),
        produces: ['text/html'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const result = await service.verify(db(), deps, { identifier: request.params.identifier });
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(verificationPage(request.params.identifier, result));
    },
  );

  app.get(
    '/licences/status-list',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          '证照状态列表: revoked, suspended, cancelled and superseded licences (since a sequence number)',
        querystring: schemas.StatusListQuery,
        response: { 200: schemas.StatusListResponse, ...errors },
      },
    },
    async (request) => service.statusList(db(), deps, request.query.since ?? 0),
  );

  // Sharing interface (共享接口) -----------------------------------------------------------------

  app.post(
    '/licences/share/query',
    {
      config: { access: share },
      schema: {
        tags,
        summary: '共享查询: a holder’s licences (of a type), each call logged',
        body: schemas.ShareQueryBody,
        response: { 200: schemas.ShareQueryResponse, ...errors },
      },
    },
    async (request) => ({ items: await usage.shareQuery(db(), deps, contextOf(request), request.body) }),
  );

  app.get(
    '/licences/share/log',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: '共享调用日志: the latest calls on the sharing interface',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: schemas.ShareLogResponse, ...errors },
      },
    },
    async (request) => ({ items: await usage.shareLog(db(), request.query.limit ?? 100) }),
  );

  app.get(
    '/licences/share/:identifier',
    {
      config: { access: share },
      schema: {
        tags,
        summary: '共享调取: one licence by identifier, the call logged',
        params: schemas.IdentifierParams,
        response: { 200: schemas.LicenceWithDocument, ...errors },
      },
    },
    async (request) => usage.shareFetch(db(), deps, contextOf(request), checked(request.params.identifier)),
  );

  // One licence in the registry, for its department's officers --------------------------------

  app.get(
    '/licences/:identifier',
    {
      config: { access: issue },
      schema: {
        tags,
        summary: 'One licence of the caller’s departments with its signed document',
        params: schemas.IdentifierParams,
        response: { 200: schemas.LicenceWithDocument, ...errors },
      },
    },
    async (request) =>
      withDocument(
        await service.getLicenceForStaff(db(), contextOf(request), checked(request.params.identifier)),
      ),
  );

  app.get(
    '/licences/:identifier/pdf',
    {
      config: { access: issue },
      schema: {
        tags,
        summary: 'One licence of the caller’s departments as PDF',
        params: schemas.IdentifierParams,
        produces: ['application/pdf'],
        response: { 200: Pdf, ...errors },
      },
    },
    async (request, reply) => {
      const row = await service.getLicenceForStaff(
        db(),
        contextOf(request),
        checked(request.params.identifier),
      );
      return reply.type('application/pdf').send(Buffer.from(await pdfOf(row)));
    },
  );

  app.post(
    '/licences/:identifier/versions',
    {
      config: { access: issue },
      schema: {
        tags,
        summary: '变更 / 延续: a new version (version number + 1) superseding the current one',
        params: schemas.IdentifierParams,
        body: schemas.VersionBody,
        response: { 201: schemas.LicenceWithDocument, ...errors },
      },
    },
    async (request, reply) => {
      const issued = await change((tx) =>
        service.newVersion(tx, contextOf(request), deps, checked(request.params.identifier), request.body),
      );
      return reply.status(201).send(withDocument(issued.row));
    },
  );

  app.post(
    '/licences/:identifier/status',
    {
      config: { access: issue },
      schema: {
        tags,
        summary: '中止 / 恢复 / 吊销 / 注销: change a licence’s status (published on the status list)',
        params: schemas.IdentifierParams,
        body: schemas.LicenceStatusBody,
        response: { 200: schemas.LicenceSummary, ...errors },
      },
    },
    async (request) => {
      const row = await change((tx) =>
        service.setLicenceStatus(
          tx,
          contextOf(request),
          checked(request.params.identifier),
          request.body.status,
          request.body.reason,
        ),
      );
      return service.licenceSummary(row, deps.cipher);
    },
  );
}
