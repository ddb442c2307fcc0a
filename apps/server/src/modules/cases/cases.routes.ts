import type { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { contextOf, type Principal } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { BLOB_MEDIA_TYPES, type BlobStore } from '../../platform/blobs.js';
import { withTransaction } from '../../platform/database.js';
import { ErrorBody, errorResponses, unauthorized } from '../../platform/errors.js';
import { idempotencyKeyOf, idempotent } from '../../platform/idempotency.js';
import { webhookUrlProblem } from '../../platform/notify.js';
import {
  findOutboxEntry,
  listOutbox,
  type OutboxEntry,
  outboxStateOf,
  requeueDead,
} from '../../platform/outbox.js';
import { getDepartment, regionLineage } from '../org/org.service.js';
import { actionGroup } from './cases.action-batches.js';
import { caseBundleRoutes } from './cases.bundles.routes.js';
import { levelOn, type WarningBands } from './cases.clock.js';
import { caseErrors } from './cases.errors.js';
import { CASE_ACTIONS, CASE_STATUSES } from './cases.machine.js';
import { renderNoticePdf } from './cases.notices.js';
import { casePermissions, mayActFor } from './cases.policy.js';
import type { QueueName } from './cases.repo.js';
import * as repo from './cases.repo.js';
import {
  ActionBody,
  ActionParams,
  ApplyBody,
  BulkAssignBody,
  CaseIdParams,
  CasePage,
  CaseSummary,
  CaseView,
  ClaimBody,
  ColleaguePage,
  ColleagueQuery,
  CommentBody,
  DeliveryParams,
  DeliveryQuery,
  DepartmentParams,
  LookupQuery,
  LookupResponse,
  MaterialParams,
  MaterialResponse,
  NoticeParams,
  PageQuery,
  QueueCountQuery,
  QueueCounts,
  QueueQuery,
  SubscriptionChange,
  SubscriptionParams,
  WebhookBody,
  WebhookDeliveryView,
  WebhookSubscriptionView,
  WindowApplyBody,
} from './cases.schemas.js';
import * as service from './cases.service.js';
import { submissionGroup } from './cases.submissions.js';
import { storeUploadedBody } from './cases.uploads.js';
import * as webhooks from './cases.webhooks.js';

export interface CasesModuleOptions {
  /** The engine's dependencies; `calendar` is read per request (a year may be added meanwhile). */
  engine: () => Promise<service.CaseEngine>;
  blobs: BlobStore;
  uploadMaxBytes: number;
  /** Hosts department systems may receive webhooks on (`WEBHOOK_ALLOWED_HOSTS`); empty: any. */
  webhookAllowedHosts: readonly string[];
}

const errors = errorResponses;
const tags = ['cases 办件'];

/** A case in a list, its warning level read in the day's bands (`service.todaysBands`). */
const summaryIn = (bands: WarningBands) => (row: repo.CaseRow) => ({
  id: row.id,
  applicationNumber: row.applicationNumber,
  caseNumber: row.caseNumber,
  itemName: row.itemName,
  status: row.status,
  statusLabel: CASE_STATUSES[row.status],
  applicantName: row.applicantName,
  promisedDue: row.promisedDue,
  legalDue: row.legalDue,
  warningLevel: levelOn(bands, row.warningDue),
  assigneeId: row.assigneeId,
  createdAt: row.createdAt.toISOString(),
});

function callerOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/**
 * 办件: applications, actions along the statutory process, materials, notices, the applicant's view,
 * lookup without an account, and the staff queues.
 */
/** A material as stored for a case, as the upload and reuse routes answer. */
function materialResponse(saved: repo.MaterialRow) {
  return {
    materialKey: saved.materialKey,
    name: saved.name,
    source: saved.source,
    fileName: saved.fileName,
    reference: saved.reference,
    sha256: saved.blobSha256,
    size: saved.size,
  };
}

export async function casesModule(fastify: FastifyInstance, options: CasesModuleOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const view = async (row: repo.CaseRow, audience: 'applicant' | 'staff', caller: Principal) =>
    service.caseView(db(), await options.engine(), row, audience, caller);

  // Submissions share transactions under load (group commit): see cases.submissions.ts.
  const submissions = submissionGroup(db);
  const actions = actionGroup(db);
  /**
   * An application: checked first (the caller's errors come back at once), then written with the
   * submissions arriving meanwhile. A draft, a retried key, or a submission whose shared transaction
   * failed goes the single way: `idempotent` replays a stored answer, or runs it alone, where an
   * error is its own.
   */
  async function submitApplication(
    request: FastifyRequest,
    reply: FastifyReply,
    input: service.ApplyInput,
    audience: 'applicant' | 'staff',
  ) {
    const caller = callerOf(request);
    const engine = await options.engine();
    const key = idempotencyKeyOf(request);
    // A refused application goes the single way too, so a retry of one that once passed replays.
    const prepared =
      input.submit === false
        ? undefined
        : await service.prepareApplication(db(), engine, caller, input).catch(() => undefined);
    if (prepared) {
      const outcome = await submissions.submit({
        context: contextOf(request),
        engine,
        prepared,
        key,
        audience,
      });
      if (outcome.kind === 'done' && outcome.result.kind === 'created')
        return reply.status(201).send(outcome.result.view);
    }
    return idempotent(db(), request, reply, 201, async (tx) => {
      const row = await service.apply(tx, contextOf(request), engine, caller, input);
      return service.caseView(tx, engine, row, audience, caller);
    });
  }

  // Materials are uploaded as the raw body (Content-Type: the file's type): streamed to the blob
  // store, which enforces the size limit and checks the bytes against the type.
  app.addContentTypeParser([...BLOB_MEDIA_TYPES], (_request, payload, done) => done(null, payload));

  app.post(
    '/cases',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Apply for an item (申请); submitted at once unless submit is false. Accepts Idempotency-Key.',
        body: ApplyBody,
        response: { 201: CaseView, ...errors },
      },
    },
    async (request, reply) => submitApplication(request, reply, request.body, 'applicant'),
  );

  app.post(
    '/window/cases',
    {
      config: { access: { permission: casePermissions.window } },
      schema: {
        tags,
        summary: '一窗受理: a walk-in application entered by the window clerk (帮办代办 with proxyReason)',
        body: WindowApplyBody,
        response: { 201: CaseView, ...errors },
      },
    },
    async (request, reply) =>
      submitApplication(request, reply, { ...request.body, channel: 'window' }, 'staff'),
  );

  app.get(
    '/cases',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "The caller's own cases (我的办件), newest first",
        querystring: PageQuery,
        response: { 200: CasePage, ...errors },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const bands = service.todaysBands(await options.engine());
      const { rows, total } = await repo.listApplicantCases(
        db(),
        service.applicantAccountIds(callerOf(request)),
        pageSize,
        (page - 1) * pageSize,
      );
      return { items: rows.map(summaryIn(bands)), total, page, pageSize };
    },
  );

  app.get(
    '/cases/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'One case: its applicant sees the public timeline, staff in scope the whole log',
        params: CaseIdParams,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { row, audience } = await service.getCaseFor(db(), caller, request.params.id);
      return view(row, audience, caller);
    },
  );

  app.post(
    '/cases/:id/actions/:action',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Take an action (受理, 补正, 审查, 决定, 送达 …). Accepts Idempotency-Key; refused transitions name the allowed ones.',
        params: ActionParams,
        body: ActionBody,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const engine = await options.engine();
      const { id, action } = request.params;
      const actionRequest = { context: contextOf(request), caller, caseId: id, action, input: request.body };
      // Actions on different cases share transactions under load (group commit,
      // cases.action-batches.ts), their Idempotency-Keys claimed and answered in it. A retry of a
      // key, a second action on a case in the same batch and a failed batch go the single way.
      const outcome = await actions.submit({
        request: actionRequest,
        engine,
        key: idempotencyKeyOf(request),
      });
      if (outcome.kind === 'done' && outcome.result.kind === 'done')
        return reply.status(200).send(outcome.result.view);
      if (outcome.kind === 'done' && outcome.result.kind === 'refused') throw outcome.result.error;
      return idempotent(db(), request, reply, 200, async (tx) => {
        const taken = await service.act(tx, actionRequest.context, engine, caller, id, action, request.body);
        const { audience, known } = service.viewFor(caller, taken);
        return service.caseView(tx, engine, taken.row, audience, caller, known);
      });
    },
  );

  app.post(
    '/cases/:id/pre-review',
    {
      config: { access: { permission: casePermissions.window } },
      schema: {
        tags,
        summary: '预审通过: complete, waits for formal acceptance',
        params: CaseIdParams,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request) => {
      const row = await withTransaction(db(), (tx) =>
        service.passPreReview(tx, contextOf(request), callerOf(request), request.params.id),
      );
      return view(row, 'staff', callerOf(request));
    },
  );

  app.post(
    '/cases/:id/claim',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '认领: take the case; a case claimed by another answers 409',
        params: CaseIdParams,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request) => {
      const row = await withTransaction(db(), (tx) =>
        service.claim(tx, contextOf(request), callerOf(request), request.params.id),
      );
      return view(row, 'staff', callerOf(request));
    },
  );

  app.post(
    '/cases/:id/assign',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '转办 or release: hand the claimed case to a colleague (null releases it)',
        params: CaseIdParams,
        body: ClaimBody,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request) => {
      const row = await withTransaction(db(), (tx) =>
        service.assign(tx, contextOf(request), callerOf(request), request.params.id, request.body.assigneeId),
      );
      return view(row, 'staff', callerOf(request));
    },
  );

  app.post(
    '/cases/:id/comments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'An internal comment (staff only)',
        params: CaseIdParams,
        body: CommentBody,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request) => {
      const row = await withTransaction(db(), (tx) =>
        service.comment(tx, contextOf(request), callerOf(request), request.params.id, request.body.text),
      );
      return view(row, 'staff', callerOf(request));
    },
  );

  app.put(
    '/cases/:id/materials/:key',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: `Upload a material as the raw body (${BLOB_MEDIA_TYPES.join(', ')}); ?fileName= names it`,
        params: MaterialParams,
        querystring: Type.Object(
          { fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: MaterialResponse, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { id, key } = request.params;
      // Checked before the bytes are stored: nobody fills the store through someone else's case.
      await service.getCaseFor(db(), caller, id);
      const blob = await storeUploadedBody(request, key, options.blobs, options.uploadMaxBytes);
      const saved = await withTransaction(db(), (tx) =>
        service.attachUpload(tx, contextOf(request), caller, id, key, {
          ...blob,
          fileName: request.query.fileName ?? `${key}`,
        }),
      );
      return materialResponse(saved);
    },
  );

  app.get(
    '/cases/:id/materials/:key',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The uploaded file of a material, for the applicant and for staff in scope (viewed inline)',
        params: MaterialParams,
        produces: [...BLOB_MEDIA_TYPES],
        response: { 200: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const { id, key } = request.params;
      const file = await service.getMaterialFile(db(), callerOf(request), id, key);
      const stream = await options.blobs.open(file.sha256);
      if (!stream) throw caseErrors.materialNotProvided(key, 'params.key');
      return reply
        .type(file.mediaType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  app.post(
    '/cases/:id/materials/:key/reuse',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '免提交: use the applicant’s e-licence or a shared data item instead of an upload',
        params: MaterialParams,
        response: { 200: MaterialResponse, ...errors },
      },
    },
    async (request) => {
      const engine = await options.engine();
      const saved = await withTransaction(db(), (tx) =>
        service.reuseMaterial(
          tx,
          contextOf(request),
          engine,
          callerOf(request),
          request.params.id,
          request.params.key,
        ),
      );
      return materialResponse(saved);
    },
  );

  app.get(
    '/cases/:id/notices/:noticeId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'A notice as PDF (受理通知书, 补正告知书, 不予受理通知书, 行政许可决定书)',
        params: NoticeParams,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const { row } = await service.getCaseFor(db(), callerOf(request), request.params.id);
      const document = await service.noticeDocument(db(), row, request.params.noticeId);
      const pdf = await renderNoticePdf(document);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${row.applicationNumber}-${document.kind}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  app.get(
    '/workbench/cases',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'A work queue within the caller’s scope: 待预审, 待受理, 待审查, 待决定, 待制证, 待送达, 即将超期, 已超期',
        querystring: QueueQuery,
        response: { 200: CasePage, ...errors },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const scope = await service.workbenchScope(db(), caller);
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const bands = service.todaysBands(await options.engine());
      const { rows, total } = await repo.listQueue(
        db(),
        request.query.queue as QueueName,
        scope,
        bands,
        pageSize,
        (page - 1) * pageSize,
        queueFilter(caller, request.query),
      );
      return { items: rows.map(summaryIn(bands)), total, page, pageSize };
    },
  );

  app.get(
    '/workbench/counts',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'How many cases each queue holds within the caller’s scope (the workbench badges)',
        querystring: QueueCountQuery,
        response: { 200: QueueCounts, ...errors },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const scope = await service.workbenchScope(db(), caller);
      const bands = service.todaysBands(await options.engine());
      return repo.queueCounts(db(), scope, bands, queueFilter(caller, request.query));
    },
  );

  app.post(
    '/workbench/assignments',
    {
      config: { access: { permission: casePermissions.approve } },
      schema: {
        tags,
        summary: '批量分派: hand several cases to one colleague (or release them), as the department’s lead',
        body: BulkAssignBody,
        response: { 200: Type.Object({ items: Type.Array(CaseSummary) }), ...errors },
      },
    },
    async (request) => {
      const engine = await options.engine();
      const rows = await withTransaction(db(), (tx) =>
        service.assignAsLead(
          tx,
          contextOf(request),
          engine,
          callerOf(request),
          request.body.caseIds,
          request.body.assigneeId,
        ),
      );
      return { items: rows.map(summaryIn(service.todaysBands(engine))) };
    },
  );

  app.get(
    '/workbench/colleagues',
    {
      config: { access: { permission: casePermissions.approve } },
      schema: {
        tags,
        summary:
          '同事: staff within the lead’s scope who can take case work (name, department, roles), by name, paged',
        querystring: ColleagueQuery,
        response: { 200: ColleaguePage, ...errors },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const { items, total } = await service.listColleagues(db(), await options.engine(), callerOf(request), {
        q: request.query.q,
        page,
        pageSize,
      });
      return { items, total, page, pageSize };
    },
  );

  app.post(
    '/cases/:id/applicant/reveal',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "The applicant's ID number and mobile in clear, for staff in scope (each reveal is audited)",
        params: CaseIdParams,
        response: {
          200: Type.Object(
            { identifier: Type.String(), mobile: Type.Union([Type.String(), Type.Null()]) },
            { additionalProperties: false },
          ),
          ...errors,
        },
      },
    },
    async (request) => {
      const engine = await options.engine();
      return withTransaction(db(), (tx) =>
        service.revealApplicant(tx, contextOf(request), engine, callerOf(request), request.params.id),
      );
    },
  );

  /**
   * A department's case events (applicants' case numbers and statuses) go only to a system connected
   * by staff whose scope reaches that department: the permission alone would let any department's
   * integrator subscribe to every other department's cases (deny by default, DESIGN.md).
   */
  const assertIntegrates = async (request: FastifyRequest, departmentId: string) => {
    const department = await getDepartment(db(), departmentId);
    const lineage = (await regionLineage(db(), department.regionCode)) ?? [department.regionCode];
    if (!mayActFor(callerOf(request), casePermissions.integrate, [department.id], lineage))
      throw caseErrors.departmentOutOfScope();
  };

  const assertWebhookUrl = (url: string | undefined) => {
    const problem = url === undefined ? undefined : webhookUrlProblem(url, options.webhookAllowedHosts);
    if (problem) throw caseErrors.webhookUrlRefused(problem);
  };

  /** What the audit log keeps (the digest) of a subscription's state: never its secret. */
  const auditedSubscription = (row: webhooks.WebhookSubscription) => ({
    departmentId: row.departmentId,
    url: row.url,
    actions: row.actions,
    active: row.active,
  });

  const subscriptionView = (row: webhooks.WebhookSubscription) => ({
    id: row.id,
    departmentId: row.departmentId,
    url: row.url,
    actions: row.actions,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  });

  app.post(
    '/departments/:id/case-webhooks',
    {
      config: { access: { permission: casePermissions.integrate } },
      schema: {
        tags,
        summary: 'Subscribe a department system to its case events (signed with HMAC-SHA256, retried)',
        params: DepartmentParams,
        body: WebhookBody,
        response: { 201: WebhookSubscriptionView, ...errors },
      },
    },
    async (request, reply) => {
      await assertIntegrates(request, request.params.id);
      assertWebhookUrl(request.body.url);
      const row = await withTransaction(db(), async (tx) => {
        const created = await webhooks.subscribe(tx, app.fieldCipher, {
          departmentId: request.params.id,
          ...request.body,
        });
        await recordAudit(tx, contextOf(request), {
          action: 'cases.webhook.subscribe',
          entityType: 'case_webhook_subscription',
          entityId: created.id,
          after: { departmentId: created.departmentId, url: created.url, actions: created.actions },
        });
        return created;
      });
      return reply.status(201).send(subscriptionView(row));
    },
  );

  app.get(
    '/departments/:id/case-webhooks',
    {
      config: { access: { permission: casePermissions.integrate } },
      schema: {
        tags,
        summary: "A department's webhook subscriptions (secrets are never shown)",
        params: DepartmentParams,
        response: { 200: Type.Object({ items: Type.Array(WebhookSubscriptionView) }), ...errors },
      },
    },
    async (request) => {
      await assertIntegrates(request, request.params.id);
      return { items: (await webhooks.listSubscriptions(db(), request.params.id)).map(subscriptionView) };
    },
  );

  app.patch(
    '/departments/:id/case-webhooks/:subscriptionId',
    {
      config: { access: { permission: casePermissions.integrate } },
      schema: {
        tags,
        summary:
          'Change a department system: switch it off (deliveries still waiting are dropped, not sent) or on, move its URL, re-key its secret, change its actions (audited)',
        params: SubscriptionParams,
        body: SubscriptionChange,
        response: { 200: WebhookSubscriptionView, ...errors },
      },
    },
    async (request) => {
      await assertIntegrates(request, request.params.id);
      assertWebhookUrl(request.body.url);
      const { id: departmentId, subscriptionId } = request.params;
      const change = request.body;
      const row = await withTransaction(db(), async (tx) => {
        const changed = await webhooks.updateSubscription(
          tx,
          app.fieldCipher,
          departmentId,
          subscriptionId,
          change,
        );
        if (!changed) throw caseErrors.subscriptionNotFound();
        // Switching alone keeps its own audit actions; any other change is an update.
        const switchedOnly = Object.keys(change).every((key) => key === 'active');
        await recordAudit(tx, contextOf(request), {
          action: switchedOnly
            ? changed.active
              ? 'cases.webhook.activate'
              : 'cases.webhook.deactivate'
            : 'cases.webhook.update',
          entityType: 'case_webhook_subscription',
          entityId: changed.id,
          // Never the secret: only that it was replaced.
          after: {
            ...auditedSubscription(changed),
            ...(change.secret === undefined ? {} : { secretReplaced: true }),
          },
        });
        return changed;
      });
      return subscriptionView(row);
    },
  );

  app.delete(
    '/departments/:id/case-webhooks/:subscriptionId',
    {
      config: { access: { permission: casePermissions.integrate } },
      schema: {
        tags,
        summary:
          'Remove a department system (deliveries still waiting are dropped, not sent; delivered and dead ones leave its list) (audited)',
        params: SubscriptionParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await assertIntegrates(request, request.params.id);
      const { id: departmentId, subscriptionId } = request.params;
      await withTransaction(db(), async (tx) => {
        const removed = await webhooks.deleteSubscription(tx, departmentId, subscriptionId);
        if (!removed) throw caseErrors.subscriptionNotFound();
        await recordAudit(tx, contextOf(request), {
          action: 'cases.webhook.delete',
          entityType: 'case_webhook_subscription',
          entityId: removed.id,
          before: auditedSubscription(removed),
        });
      });
      return reply.status(204).send(null);
    },
  );

  const deliveryView = (row: OutboxEntry) => {
    const message = row.payload as webhooks.CaseEventMessage;
    return {
      messageId: row.id,
      subscriptionId: message.subscriptionId,
      deliveryId: message.deliveryId,
      event: message.event,
      state: outboxStateOf(row),
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      deadAt: row.deadAt?.toISOString() ?? null,
    };
  };

  app.get(
    '/departments/:id/case-webhooks/deliveries',
    {
      config: { access: { permission: casePermissions.integrate } },
      schema: {
        tags,
        summary:
          "A department's webhook deliveries by state (pending, delivered, dead: retries used up), newest first",
        params: DepartmentParams,
        querystring: DeliveryQuery,
        response: {
          200: Type.Object({
            items: Type.Array(WebhookDeliveryView),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      await assertIntegrates(request, request.params.id);
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const { rows, total } = await listOutbox(
        db(),
        await webhooks.deliveriesOf(db(), request.params.id),
        request.query.state ?? 'dead',
        pageSize,
        (page - 1) * pageSize,
      );
      return { items: rows.map(deliveryView), total, page, pageSize };
    },
  );

  app.post(
    '/departments/:id/case-webhooks/deliveries/:messageId/retry',
    {
      config: { access: { permission: casePermissions.integrate } },
      schema: {
        tags,
        summary: 'Send a dead webhook delivery again once the department system is fixed (audited)',
        params: DeliveryParams,
        response: { 200: WebhookDeliveryView, ...errors },
      },
    },
    async (request) => {
      await assertIntegrates(request, request.params.id);
      const selection = await webhooks.deliveriesOf(db(), request.params.id);
      const row = await withTransaction(db(), async (tx) => {
        const requeued = await requeueDead(tx, selection, request.params.messageId);
        if (!requeued) {
          if (await findOutboxEntry(tx, selection, request.params.messageId))
            throw caseErrors.deliveryNotDead();
          throw caseErrors.deliveryNotFound();
        }
        await recordAudit(tx, contextOf(request), {
          action: 'cases.webhook.retry',
          entityType: 'case_webhook_delivery',
          entityId: String(requeued.id),
          after: { subscriptionId: (requeued.payload as webhooks.CaseEventMessage).subscriptionId },
        });
        return requeued;
      });
      return deliveryView(row);
    },
  );

  app.get(
    '/case-lookup',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '办件查询 without an account: case or application number plus the applicant’s ID number',
        querystring: LookupQuery,
        response: { 200: LookupResponse, ...errors },
      },
    },
    async (request) => {
      const engine = await options.engine();
      const row = await service.lookup(db(), engine, request.query.number, request.query.identifier);
      const actions = await repo.listActions(db(), row.id, true);
      return {
        applicationNumber: row.applicationNumber,
        caseNumber: row.caseNumber,
        itemName: row.itemName,
        status: row.status,
        statusLabel: CASE_STATUSES[row.status],
        promisedDue: row.promisedDue,
        timeline: actions
          .filter((a) => a.action in CASE_ACTIONS)
          .map((a) => ({
            label: CASE_ACTIONS[a.action as keyof typeof CASE_ACTIONS],
            at: a.occurredAt.toISOString(),
          })),
      };
    },
  );

  // Not `options` itself: it carries this plugin's prefix, which the child would add again.
  await app.register(caseBundleRoutes, {
    engine: options.engine,
    blobs: options.blobs,
    uploadMaxBytes: options.uploadMaxBytes,
  });
}

/** The queue filter a request asks for: `assignee=me|unassigned` and a search text. */
function queueFilter(caller: Principal, query: { assignee?: string; q?: string }): repo.QueueFilter {
  return {
    ...(query.assignee === 'me' ? { assigneeId: caller.id } : {}),
    ...(query.assignee === 'unassigned' ? { assigneeId: null } : {}),
    ...(query.q?.trim() ? { text: query.q.trim() } : {}),
  };
}
