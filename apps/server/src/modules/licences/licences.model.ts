import Type, { type Static } from 'typebox';

/** Who holds a licence of a type: 自然人, 法人 (and other organisations), or either. */
export const HolderKind = Type.Union([Type.Literal('person'), Type.Literal('enterprise')]);
export type HolderKind = Static<typeof HolderKind>;

export const TypeHolderKind = Type.Union([
  Type.Literal('person'),
  Type.Literal('enterprise'),
  Type.Literal('either'),
]);

/** 证照类型代码: our short codes (YYZZ) or national ones (11100000000013127D001). */
export const LicenceTypeCode = Type.String({ pattern: '^[0-9A-Z]{2,40}$' });

/** One data field of a licence type (照面信息项). */
export const LicenceField = Type.Object(
  {
    /** The key in the licence data, e.g. `legalRepresentative`. */
    key: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' }),
    /** Its label as printed, e.g. 法定代表人. */
    label: Type.String({ minLength: 1, maxLength: 30 }),
    type: Type.Union([Type.Literal('text'), Type.Literal('date'), Type.Literal('number')]),
    required: Type.Boolean(),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  },
  { additionalProperties: false },
);
export type LicenceField = Static<typeof LicenceField>;

/** How long a licence of the type is valid from its start: years, or long-term (长期). */
export const ValidityRule = Type.Object(
  {
    /** Null: long-term (长期有效). */
    years: Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()]),
    /** Whether the issuer may set another end date (e.g. a 营业期限). */
    adjustable: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ValidityRule = Static<typeof ValidityRule>;

/** 照面模板: how the licence PDF looks. */
export const LicenceTemplate = Type.Object(
  {
    /** The big title, e.g. 营业执照 or 中华人民共和国结婚证. */
    title: Type.String({ minLength: 1, maxLength: 30 }),
    /** The frame and title colour, `#rrggbb`. */
    color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
    /** Page orientation. */
    orientation: Type.Union([Type.Literal('portrait'), Type.Literal('landscape')]),
    /** A line printed under the fields (e.g. 登记机关 …), optional. */
    footnote: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type LicenceTemplate = Static<typeof LicenceTemplate>;

export const LicenceType = Type.Object(
  {
    code: LicenceTypeCode,
    name: Type.String({ minLength: 2, maxLength: 50 }),
    definingDepartment: Type.String({ minLength: 2, maxLength: 100 }),
    holderKind: TypeHolderKind,
    fields: Type.Array(LicenceField, { minItems: 1, maxItems: 40 }),
    validity: ValidityRule,
    template: LicenceTemplate,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type LicenceType = Static<typeof LicenceType>;

/** The data of a licence: its fields' values (text, dates as YYYY-MM-DD, numbers). */
export const LicenceData = Type.Record(
  Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' }),
  Type.Union([Type.String({ maxLength: 2000 }), Type.Number()]),
);
export type LicenceData = Static<typeof LicenceData>;

/** The signature algorithm of every licence: SM2 with SM3 (GB/T 38540, GM/T 0009). */
export const SIGNATURE_ALGORITHM = 'SM2-SM3';

/** GM/T 0009's default SM2 user ID, set explicitly on every signature and verification. */
export const SM2_USER_ID = '1234567812345678';

/** The signed content of a licence: everything a verifier needs besides the seal's public key. */
export const SignedLicence = Type.Object(
  {
    identifier: Type.String({ maxLength: 200 }),
    typeCode: LicenceTypeCode,
    typeName: Type.String({ maxLength: 50 }),
    version: Type.Integer({ minimum: 1, maximum: 999 }),
    licenceNumber: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    holder: Type.Object(
      {
        kind: HolderKind,
        name: Type.String({ maxLength: 200 }),
        identifier: Type.String({ maxLength: 18 }),
      },
      { additionalProperties: false },
    ),
    issuer: Type.Object(
      { name: Type.String({ maxLength: 200 }), code: Type.String({ maxLength: 18 }) },
      { additionalProperties: false },
    ),
    issuedOn: Type.String({ maxLength: 10 }),
    validFrom: Type.String({ maxLength: 10 }),
    validUntil: Type.Union([Type.String({ maxLength: 10 }), Type.Null()]),
    data: LicenceData,
    /** The seal that signs: its code in the seal registry. */
    sealCode: Type.String({ maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type SignedLicence = Static<typeof SignedLicence>;

/** A licence document as holders keep it and verifiers receive it: the content and its signature. */
export const LicenceDocument = Type.Object(
  {
    licence: SignedLicence,
    signature: Type.Object(
      {
        algorithm: Type.Literal(SIGNATURE_ALGORITHM),
        userId: Type.Literal(SM2_USER_ID),
        /** DER-encoded SM2 signature, hex, over the canonical JSON of `licence` (UTF-8). */
        value: Type.String({ pattern: '^[0-9a-f]{16,400}$' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type LicenceDocument = Static<typeof LicenceDocument>;

/** 证照状态: valid, or why not. */
export const LICENCE_STATUSES = {
  valid: '有效',
  suspended: '中止（暂扣）',
  revoked: '吊销',
  cancelled: '注销',
  superseded: '已换发新版本',
} as const;
export type LicenceStatus = keyof typeof LICENCE_STATUSES;

/** 印章状态 */
export const SEAL_STATUSES = { active: '启用', suspended: '停用', revoked: '撤销' } as const;
export type SealStatus = keyof typeof SEAL_STATUSES;

/** 用证等级 (DESIGN.md): A 签发机构直接使用, B 窗口核验, C 用户上传经核对原件, D 承诺制自制. */
export const USAGE_GRADES = {
  A: '证照库直接调用（签发机构签发，直接使用）',
  B: '工作人员核验',
  C: '申请人上传，经核对原件',
  D: '申请人承诺制自制',
} as const;
export type UsageGrade = keyof typeof USAGE_GRADES;

/** Why a licence does not verify. */
export const VERIFY_REASONS = {
  identifier: '证照标识格式或校验位错误',
  signature: '签名验证失败，证照内容可能被篡改',
  revoked: '证照已被吊销',
  suspended: '证照已被中止（暂扣）',
  cancelled: '证照已注销',
  superseded: '证照已换发新版本，此版本不再有效',
  expired: '证照已超过有效期',
  seal_revoked: '签章所用电子印章已撤销',
  unknown_issuer: '签发机构或电子印章不在本平台登记',
  not_found: '证照库中没有此证照',
} as const;
export type VerifyReason = keyof typeof VERIFY_REASONS;
