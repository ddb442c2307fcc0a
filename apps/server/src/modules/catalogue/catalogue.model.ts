import Type, { type Static } from 'typebox';
import { literals } from '../../platform/schema-types.js';
import { Sector } from '../org/org.schemas.js';

/**
 * The catalogue's domain model (事项目录 and 办事指南) as TypeBox schemas: they validate API input,
 * document the API, and type the seed data. Codes are English; each carries its Chinese term.
 */

/** 事项类型: the eight national types of service items. */
export const ITEM_TYPES = {
  licensing: '行政许可',
  confirmation: '行政确认',
  payment: '行政给付',
  adjudication: '行政裁决',
  reward: '行政奖励',
  filing: '行政备案',
  other_power: '其他行政权力',
  public_service: '公共服务',
} as const;
export type ItemType = keyof typeof ITEM_TYPES;
export const ItemType = literals(Object.keys(ITEM_TYPES) as ItemType[], '事项类型');

/** 服务对象: natural persons (自然人) and legal persons (法人). */
export const Audience = literals(
  ['person', 'enterprise'] as const,
  '服务对象: person 自然人 / enterprise 法人',
);
export type Audience = Static<typeof Audience>;

/** 主题: life events of persons and the life cycle of enterprises. */
export const THEMES = {
  // 个人
  birth: '生育收养',
  schooling: '入学教育',
  employment: '就业创业',
  marriage: '婚姻登记',
  housing: '住房保障',
  social_security: '社会保障',
  medical: '医疗卫生',
  household: '户籍身份',
  travel: '交通出行',
  retirement: '退休养老',
  after_death: '身后事',
  // 法人
  establishment: '企业开办',
  operation: '经营许可',
  change: '变更登记',
  cancellation: '注销退出',
  construction: '工程建设',
  tax: '纳税缴费',
  transport_business: '交通运输',
} as const;
export type Theme = keyof typeof THEMES;
export const Theme = literals(Object.keys(THEMES) as Theme[], '主题');

/** 设定依据: a law, regulation or rule, the article, and its text. */
export const LegalBasis = Type.Object(
  {
    title: Type.String({ minLength: 2, description: '法律法规名称，如《中华人民共和国食品安全法》' }),
    article: Type.String({ minLength: 1, description: '条款，如 第三十五条' }),
    text: Type.String({ minLength: 1, description: '条文内容' }),
  },
  { additionalProperties: false },
);
export type LegalBasis = Static<typeof LegalBasis>;

/** 基本目录事项: defined once; every region implements the same item with the same six key elements. */
export const BasicItem = Type.Object(
  {
    /** 基本编码 (at most 12 characters in the national sync tables). */
    basicCode: Type.String({ pattern: '^[0-9A-Z]{4,12}$' }),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    type: ItemType,
    /** 主管部门: the line competent for the item. */
    competentSector: Sector,
    /** 实施主体: the line whose departments implement it. */
    implementingSector: Sector,
    /** 行使层级: levels at which it is implemented. */
    levels: Type.Array(literals(['province', 'city', 'county', 'township'] as const, '行使层级'), {
      minItems: 1,
    }),
    legalBasis: Type.Array(LegalBasis, { minItems: 1 }),
    /** 主项 code when this is a 子项. */
    parentCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{4,12}$' })),
    /** Other names people search for (别名), e.g. 办健康证 for 从业人员健康检查. */
    aliases: Type.Array(Type.String({ minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type BasicItem = Static<typeof BasicItem>;

/** A time limit in working days (工作日), or 即办 (handled on the spot). */
export const TimeLimit = Type.Union([
  Type.Object({ kind: Type.Literal('immediate') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('working_days'), days: Type.Integer({ minimum: 1, maximum: 365 }) },
    { additionalProperties: false },
  ),
]);
export type TimeLimit = Static<typeof TimeLimit>;

export const Contact = Type.Object(
  {
    phone: Type.String({ minLength: 5, maxLength: 40 }),
    address: Type.Optional(Type.String()),
    online: Type.Optional(Type.String({ description: '网上渠道，如 12345 网站或小程序' })),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;

export const Place = Type.Object(
  {
    name: Type.String({ minLength: 2 }),
    address: Type.String({ minLength: 2 }),
    /** 办理时间, e.g. 工作日 9:00-12:00, 13:30-17:00 (法定节假日除外). */
    hours: Type.String({ minLength: 2 }),
  },
  { additionalProperties: false },
);

/** 特别程序: e.g. 现场核查, 专家评审, 检验检测 — their time is not counted in the limit. */
export const SpecialProcedure = Type.Object(
  {
    name: Type.String({ minLength: 2 }),
    description: Type.String(),
    maxWorkingDays: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** 网办深度: 1 online information, 2 forms to download, 3 online pre-review, 4 全程网办. */
export const OnlineDepth = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)], {
  description: '网办深度 一级~四级',
});

export const Fee = Type.Union([
  Type.Object({ charged: Type.Literal(false) }, { additionalProperties: false }),
  Type.Object(
    {
      charged: Type.Literal(true),
      standard: Type.String({ minLength: 2, description: '收费标准' }),
      basis: Type.String({ minLength: 2, description: '收费依据' }),
    },
    { additionalProperties: false },
  ),
]);

/** 办事指南: every field a guide must show (DESIGN.md). */
export const Guide = Type.Object(
  {
    /** 受理条件 */
    acceptanceConditions: Type.Array(Type.String({ minLength: 2 }), { minItems: 1 }),
    /** 法定办结时限 */
    legalTimeLimit: TimeLimit,
    /** 承诺办结时限 */
    promisedTimeLimit: TimeLimit,
    /** 办件类型: 即办件 / 承诺件 */
    handlingType: literals(
      ['immediate', 'promised'] as const,
      '办件类型: immediate 即办件 / promised 承诺件',
    ),
    /** 办理形式 */
    handlingForms: Type.Array(literals(['online', 'window', 'mail'] as const, '办理形式'), { minItems: 1 }),
    /** 到办事现场次数, and why when more than zero */
    visits: Type.Integer({ minimum: 0, maximum: 5 }),
    visitReason: Type.Optional(Type.String({ minLength: 2 })),
    fee: Fee,
    /** 办理地点 and 办理时间 */
    places: Type.Array(Place),
    /** 咨询方式 */
    consultation: Contact,
    /** 监督投诉方式 (must differ from 咨询) */
    complaint: Contact,
    /** 特别程序 */
    specialProcedures: Type.Array(SpecialProcedure),
    /** 服务对象 */
    audiences: Type.Array(Audience, { minItems: 1 }),
    onlineDepth: OnlineDepth,
    themes: Type.Array(Theme),
    /** 高频事项 */
    highFrequency: Type.Boolean(),
    /** 最多跑一次 */
    atMostOneVisit: Type.Boolean(),
    /** 跨省通办 */
    crossProvince: Type.Boolean(),
    /**
     * 申请所需身份核验等级: the least identity assurance an online applicant needs (self_declared 自行声明 /
     * population 人口库核验 / in_person 现场核验). Absent: any signed-in applicant.
     */
    requiredAssurance: Type.Optional(
      literals(['self_declared', 'population', 'in_person'] as const, '申请所需身份核验等级'),
    ),
    /** 办理结果 (e.g. 食品经营许可证) and, when it is an e-licence, its licence type code */
    result: Type.Object(
      {
        name: Type.String({ minLength: 2 }),
        licenceTypeCode: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z.]{2,40}$' })),
      },
      { additionalProperties: false },
    ),
    onlineLinks: Type.Array(
      Type.Object(
        { label: Type.String(), url: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Guide = Static<typeof Guide>;

export const FileRef = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    mediaType: Type.String({ minLength: 3 }),
    url: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

/** 申请材料 */
export const Material = Type.Object(
  {
    /** Stable within the item, e.g. `id-card`; corrections and uploads refer to it. */
    key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
    name: Type.String({ minLength: 2 }),
    /** 材料形式 */
    forms: Type.Array(literals(['paper', 'electronic'] as const, '材料形式'), { minItems: 1 }),
    /** 份数 */
    copies: Type.Integer({ minimum: 0, maximum: 20 }),
    /** 规格, e.g. A4 */
    specification: Type.String(),
    /** 必要性: 必需 / 容缺可后补 / 情形 (required only in a stated situation) */
    necessity: literals(['required', 'deferrable', 'conditional'] as const, '必要性'),
    /** The situation in which a conditional material is needed. */
    condition: Type.Optional(Type.String({ minLength: 2 })),
    /** 容缺: working days after acceptance by which a deferred material must arrive. */
    deferralWorkingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    /** 来源渠道 */
    sourceChannel: literals(
      ['applicant', 'government_issued', 'shared_data', 'window_generated'] as const,
      '来源渠道: applicant 申请人自备 / government_issued 政府部门核发 / shared_data 共享获取 / window_generated 窗口生成',
    ),
    /** For government-issued materials: the e-licence type that replaces it (免提交). */
    licenceTypeCode: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z.]{2,40}$' })),
    /** For shared data: the data item that replaces it. */
    sharedDataItem: Type.Optional(Type.String({ minLength: 2 })),
    /** 受理标准 */
    acceptanceStandard: Type.String({ minLength: 2 }),
    blankForm: Type.Optional(FileRef),
    sample: Type.Optional(FileRef),
    /** 填报须知 */
    fillingNotes: Type.Optional(Type.String()),
    /** 依据 */
    basis: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Material = Static<typeof Material>;

/** Where a form field can be filled from: the profile, shared data or a licence. */
export const Prefill = Type.Object(
  {
    source: literals(['profile', 'shared_data', 'licence'] as const, '预填来源'),
    /** Field of the source, e.g. `name`, `idNumber`, `enterprise.legalRepresentative`. */
    field: Type.String({ minLength: 1 }),
    licenceTypeCode: Type.Optional(Type.String()),
    dataItem: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const FormField = Type.Object(
  {
    type: literals(['string', 'integer', 'number', 'boolean'] as const, 'JSON Schema type'),
    title: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    enum: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    format: Type.Optional(
      literals(['date', 'email', 'citizen-id', 'credit-code', 'mobile'] as const, 'format'),
    ),
    pattern: Type.Optional(Type.String()),
    minLength: Type.Optional(Type.Integer({ minimum: 0 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    minimum: Type.Optional(Type.Number()),
    maximum: Type.Optional(Type.Number()),
    'x-prefill': Type.Optional(Prefill),
  },
  { additionalProperties: false },
);

/**
 * 申请表单 as JSON Schema (one level of fields). Field names are shared facts (applicantName,
 * idNumber, enterpriseName …) so a 一件事 bundle's combined form asks each fact once.
 */
export const FormSchema = Type.Object(
  {
    type: Type.Literal('object'),
    title: Type.String({ minLength: 1 }),
    properties: Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }), FormField),
    required: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type FormSchema = Static<typeof FormSchema>;

/** Roles that act on a step (the identity module grants them). */
export const StepRole = literals(
  ['window_clerk', 'reviewer', 'approver', 'licence_officer'] as const,
  'window_clerk 综合窗口 / reviewer 审查 / approver 审批决定 / licence_officer 制证送达',
);

/** Who handles a step: the implementing department itself, or the department of a line in the same region. */
export const StepHandler = Type.Union([
  Type.Object({ department: Type.Literal('implementing') }, { additionalProperties: false }),
  Type.Object({ sector: Sector }, { additionalProperties: false }),
]);

/** 办理流程 step, executed by the case engine in order. */
export const ProcessStep = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,40}$' }),
    name: Type.String({ minLength: 2 }),
    kind: literals(
      ['acceptance', 'preliminary_review', 'review', 'decision', 'production', 'delivery'] as const,
      'acceptance 受理 / preliminary_review 初审 / review 审查 / decision 决定 / production 制证 / delivery 送达',
    ),
    handler: StepHandler,
    role: StepRole,
    /** 并联: lines whose same-region departments must all approve (any refusal decides). */
    jointSectors: Type.Optional(Type.Array(Sector, { minItems: 1 })),
    /** This step's own limit; 0 for a step done on the spot. */
    workingDays: Type.Integer({ minimum: 0, maximum: 60 }),
  },
  { additionalProperties: false },
);
export type ProcessStep = Static<typeof ProcessStep>;

export const ProcessDefinition = Type.Object(
  { steps: Type.Array(ProcessStep, { minItems: 1 }) },
  { additionalProperties: false },
);
export type ProcessDefinition = Static<typeof ProcessDefinition>;

/** 业务办理项: 新设 / 变更 / 延续 / 注销. */
export const HandlingItem = Type.Object(
  {
    /** 业务办理项编码 (at most 50): the implementation code + 2 digits. */
    code: Type.String({ pattern: '^[0-9A-Z]{20,50}$' }),
    name: Type.String({ minLength: 2 }),
    kind: literals(
      ['new', 'change', 'renewal', 'cancellation'] as const,
      'new 新设 / change 变更 / renewal 延续 / cancellation 注销',
    ),
  },
  { additionalProperties: false },
);
export type HandlingItem = Static<typeof HandlingItem>;

/** Everything a version of an implementation entry defines. */
export const EntryContent = Type.Object(
  {
    guide: Guide,
    materials: Type.Array(Material),
    form: Type.Union([FormSchema, Type.Null()]),
    process: ProcessDefinition,
    handlingItems: Type.Array(HandlingItem),
  },
  { additionalProperties: false },
);
export type EntryContent = Static<typeof EntryContent>;

/** The six key elements (六要素) as an implementation entry states them. */
export const KeyElements = Type.Object(
  {
    name: Type.String({ minLength: 2 }),
    basicCode: Type.String({ pattern: '^[0-9A-Z]{4,12}$' }),
    type: ItemType,
    competentSector: Sector,
    /** The implementing department (实施主体). */
    departmentId: Type.String({ format: 'uuid' }),
    legalBasis: Type.Array(LegalBasis, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type KeyElements = Static<typeof KeyElements>;

/** 一件事: several items of several departments applied for together. */
export const Bundle = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{3,40}$' }),
    name: Type.String({ minLength: 2 }),
    audience: Audience,
    description: Type.String({ minLength: 2 }),
    themes: Type.Array(Theme),
    aliases: Type.Array(Type.String()),
    items: Type.Array(
      Type.Object(
        {
          basicCode: Type.String({ pattern: '^[0-9A-Z]{4,12}$' }),
          /** Needed only in some situations, e.g. 办理社保卡 only without one. */
          condition: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
      { minItems: 2 },
    ),
  },
  { additionalProperties: false },
);
export type Bundle = Static<typeof Bundle>;
