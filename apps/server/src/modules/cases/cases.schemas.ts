import Type from 'typebox';
import { keysOf } from '../../platform/schema-types.js';
import { CASE_ACTIONS, CASE_STATUSES } from './cases.machine.js';
import {
  Correction,
  DELIVERY_METHODS,
  DeferredMaterial,
  JointOpinion,
  SPECIAL_PROCEDURES,
} from './cases.model.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateString = Type.String({ format: 'date' });

export const CaseStatusSchema = keysOf(CASE_STATUSES, '办件状态');
export const CaseActionSchema = keysOf(CASE_ACTIONS, '办件动作');

export const Applicant = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    /** 公民身份号码 or 统一社会信用代码 */
    identifier: Type.String({ minLength: 15, maxLength: 18 }),
    mobile: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
  },
  { additionalProperties: false },
);

/** Online, the identifier may be left out: the case is filed under the signed-in account's own. */
const OnlineApplicant = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    identifier: Type.Optional(
      Type.String({
        minLength: 15,
        maxLength: 18,
        description: '本人公民身份号码或所代表企业的统一社会信用代码',
      }),
    ),
    mobile: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
  },
  { additionalProperties: false },
);

export const ApplyBody = Type.Object(
  {
    implementationCode: Type.String({ minLength: 20, maxLength: 36 }),
    form: Type.Record(Type.String(), Type.Unknown()),
    applicant: OnlineApplicant,
    /** 容缺: deferrable materials the applicant will supply after acceptance, with their commitment. */
    deferredMaterials: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 20 }),
    ),
    commitment: Type.Optional(Type.String({ minLength: 4, maxLength: 500, description: '容缺承诺' })),
    submit: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

/** 一窗受理: the clerk enters a walk-in application; 帮办代办 when a reason is given. */
export const WindowApplyBody = Type.Object(
  {
    implementationCode: ApplyBody.properties.implementationCode,
    form: ApplyBody.properties.form,
    applicant: Applicant,
    proxyReason: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ActionBody = Type.Object(
  {
    revision: Type.Optional(Type.Integer({ minimum: 0 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    legalBasis: Type.Optional(Type.String({ maxLength: 1000 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    corrections: Type.Optional(Type.Array(Correction, { minItems: 1, maxItems: 50 })),
    deferredMaterials: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 20 }),
    ),
    commitment: Type.Optional(Type.String({ maxLength: 1000 })),
    materialKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    form: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    opinion: Type.Optional(Type.Union([Type.Literal('approve'), Type.Literal('refuse')])),
    procedure: Type.Optional(keysOf(SPECIAL_PROCEDURES, '特别程序')),
    result: Type.Optional(Type.String({ maxLength: 2000 })),
    content: Type.Optional(Type.String({ maxLength: 2000 })),
    method: Type.Optional(keysOf(DELIVERY_METHODS, '送达方式')),
    trackingNumber: Type.Optional(Type.String({ minLength: 6, maxLength: 40 })),
    licenceNumber: Type.Optional(Type.String({ minLength: 2, maxLength: 80 })),
  },
  { additionalProperties: false },
);

export const CaseIdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const ActionParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), action: CaseActionSchema },
  { additionalProperties: false },
);
export const MaterialParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }) },
  { additionalProperties: false },
);
export const NoticeParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), noticeId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const CaseView = Type.Object({
  id: Type.String(),
  applicationNumber: Type.String(),
  caseNumber: Nullable(Type.String()),
  implementationCode: Type.String(),
  itemName: Type.String(),
  versionId: Type.String(),
  regionCode: Type.String(),
  departmentId: Type.String(),
  status: CaseStatusSchema,
  revision: Type.Integer(),
  channel: Type.String(),
  applicant: Type.Object({ kind: Type.String(), name: Type.String(), identifier: Type.String() }),
  form: Type.Record(Type.String(), Type.Unknown()),
  step: Nullable(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      due: Nullable(DateString),
      startedOn: Nullable(DateString),
    }),
  ),
  jointOpinions: Type.Array(JointOpinion),
  /** 并联: every completed joint step's opinions, oldest first (the current step's are in jointOpinions). */
  jointRounds: Type.Array(
    Type.Object({
      stepKey: Type.String(),
      stepName: Type.String(),
      completedAt: Type.String(),
      opinions: Type.Array(JointOpinion),
    }),
  ),
  /** 延期申请 waiting for the approver (staff only; null for the applicant). */
  extensionRequest: Nullable(
    Type.Object({
      reason: Type.String(),
      requestedBy: Type.String(),
      requestedAt: Type.String(),
      extensionDays: Type.Integer(),
    }),
  ),
  corrections: Type.Array(Correction),
  deferredMaterials: Type.Array(DeferredMaterial),
  clocks: Type.Object({
    receivedOn: Nullable(DateString),
    completenessDue: Nullable(DateString),
    deemedAccepted: Type.Boolean(),
    acceptedOn: Nullable(DateString),
    legalLimitDays: Nullable(Type.Integer()),
    promisedLimitDays: Nullable(Type.Integer()),
    extensionDays: Type.Integer(),
    pausedDays: Type.Integer(),
    suspendedOn: Nullable(DateString),
    legalDue: Nullable(DateString),
    promisedDue: Nullable(DateString),
    decidedOn: Nullable(DateString),
    deliveryDue: Nullable(DateString),
    warningLevel: Type.String(),
  }),
  materials: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      necessity: Type.String(),
      provided: Nullable(
        Type.Object({
          source: Type.String(),
          fileName: Nullable(Type.String()),
          reference: Nullable(Type.String()),
          providedAt: Type.String(),
        }),
      ),
    }),
  ),
  notices: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      documentNumber: Type.String(),
      issuedAt: Type.String(),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      action: Type.String(),
      label: Type.String(),
      status: Type.String(),
      at: Type.String(),
      actorKind: Type.String(),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  allowedActions: Type.Array(CaseActionSchema),
  /** The allowed actions the caller may take themselves (empty for staff who only read the case). */
  yourActions: Type.Array(CaseActionSchema),
  /** Staff who only read the case: their department took part but handles nothing in it now. */
  readOnly: Type.Boolean(),
  assigneeId: Nullable(Type.String()),
  createdAt: Type.String(),
  completedAt: Nullable(Type.String()),
});

export const CaseSummary = Type.Object({
  id: Type.String(),
  applicationNumber: Type.String(),
  caseNumber: Nullable(Type.String()),
  itemName: Type.String(),
  status: CaseStatusSchema,
  statusLabel: Type.String(),
  applicantName: Type.String(),
  promisedDue: Nullable(DateString),
  legalDue: Nullable(DateString),
  warningLevel: Type.String(),
  assigneeId: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const PageQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

/** Narrowing a queue: `assignee=me` (my claimed cases) or `unassigned`, and a number or name searched for. */
const QueueFilterQuery = Type.Object({
  assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('unassigned')])),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 50, description: '受理编号、申请编号（前缀）或申请人名称' }),
  ),
});

export const QueueQuery = Type.Object(
  {
    queue: Type.Union(
      ['pre_review', 'acceptance', 'review', 'decision', 'production', 'delivery', 'due_soon', 'overdue'].map(
        (q) => Type.Literal(q),
      ),
      { description: '待预审 / 待受理 / 待审查 / 待决定 / 待制证 / 待送达 / 即将超期 / 已超期' },
    ),
    ...PageQuery.properties,
    ...QueueFilterQuery.properties,
  },
  { additionalProperties: false },
);

export const QueueCountQuery = Type.Object(QueueFilterQuery.properties, { additionalProperties: false });

/** Cases per queue (待预审 … 已超期). */
export const QueueCounts = Type.Object(
  Object.fromEntries(
    ['pre_review', 'acceptance', 'review', 'decision', 'production', 'delivery', 'due_soon', 'overdue'].map(
      (queue) => [queue, Type.Integer()],
    ),
  ),
  { additionalProperties: false },
);

export const BulkAssignBody = Type.Object(
  {
    caseIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 }),
    assigneeId: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
  },
  { additionalProperties: false },
);

export const ColleagueQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '姓名或用户名（部分）' })),
    ...PageQuery.properties,
  },
  { additionalProperties: false },
);

export const Colleague = Type.Object({
  id: Type.String(),
  name: Type.String(),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  roles: Type.Array(Type.Object({ role: Type.String(), name: Type.String() })),
});

export const ColleaguePage = Type.Object({
  items: Type.Array(Colleague),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const CasePage = Type.Object({
  items: Type.Array(CaseSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const LookupQuery = Type.Object(
  {
    number: Type.String({ minLength: 10, maxLength: 40, description: '受理编号或申请编号' }),
    identifier: Type.String({ minLength: 15, maxLength: 18, description: '申请人证件号码' }),
  },
  { additionalProperties: false },
);

export const LookupResponse = Type.Object({
  applicationNumber: Type.String(),
  caseNumber: Nullable(Type.String()),
  itemName: Type.String(),
  status: CaseStatusSchema,
  statusLabel: Type.String(),
  promisedDue: Nullable(DateString),
  timeline: Type.Array(Type.Object({ label: Type.String(), at: Type.String() })),
});

export const ClaimBody = Type.Object(
  { assigneeId: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]) },
  { additionalProperties: false },
);
export const CommentBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const MaterialResponse = Type.Object({
  materialKey: Type.String(),
  name: Type.String(),
  source: Type.String(),
  fileName: Nullable(Type.String()),
  reference: Nullable(Type.String()),
  sha256: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
});

export const DepartmentParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const WebhookBody = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', maxLength: 500 }),
    /** The shared HMAC secret; shown to nobody afterwards. */
    secret: Type.String({ minLength: 32, maxLength: 200 }),
    actions: Type.Array(CaseActionSchema, { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export const SubscriptionParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), subscriptionId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
/**
 * Change a subscription: switch it off (its waiting deliveries are then dropped, not sent) or on
 * again, move it to another URL, re-key it with a new secret, or change its actions.
 */
export const SubscriptionChange = Type.Object(
  {
    active: Type.Optional(Type.Boolean()),
    url: Type.Optional(WebhookBody.properties.url),
    secret: Type.Optional(WebhookBody.properties.secret),
    actions: Type.Optional(WebhookBody.properties.actions),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const DeliveryQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')]),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export const DeliveryParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), messageId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
/** One webhook delivery (an outbox message) as the department's integrator sees it. */
export const WebhookDeliveryView = Type.Object({
  messageId: Type.Integer(),
  subscriptionId: Type.String(),
  deliveryId: Type.String(),
  event: Type.String(),
  state: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
  deadAt: Type.Union([Type.String(), Type.Null()]),
});
export const WebhookSubscriptionView = Type.Object({
  id: Type.String(),
  departmentId: Type.String(),
  url: Type.String(),
  actions: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String(),
});
