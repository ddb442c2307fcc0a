import Type from 'typebox';
import { literals } from '../../platform/schema-types.js';

/** TypeBox schemas of the account routes (also the OpenAPI document). */

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const AccountKindSchema = literals(
  ['person', 'enterprise', 'staff'] as const,
  '账户类型: person 自然人 / enterprise 法人 / staff 工作人员',
);
export const AssuranceSchema = literals(
  ['self_declared', 'population', 'in_person'] as const,
  '身份核验等级: self_declared 自行声明 / population 人口库核验 / in_person 现场核验',
);

const Name = Type.String({ minLength: 1, maxLength: 100 });
const CitizenId = Type.String({ minLength: 1, maxLength: 32, description: '公民身份号码 (GB 11643)' });
const CreditCode = Type.String({ minLength: 1, maxLength: 32, description: '统一社会信用代码 (GB 32100)' });
const Mobile = Type.String({ pattern: '^1[3-9]\\d{9}$', description: '手机号码' });
/** Long passwords are allowed up to 128 characters; the policy reports anything shorter than 8. */
const Password = Type.String({ minLength: 1, maxLength: 128 });
const Login = Type.String({
  minLength: 1,
  maxLength: 64,
  description: '公民身份号码、统一社会信用代码、手机号码或工作人员用户名',
});
const Code = Type.String({ minLength: 1, maxLength: 32 });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const CreatedResponse = Type.Object({ id: Type.String() }, { additionalProperties: false });

export const AccountSummarySchema = Type.Object(
  {
    id: Type.String(),
    kind: AccountKindSchema,
    name: Type.String(),
    status: literals(['active', 'disabled'] as const, 'active 正常 / disabled 停用'),
    username: Nullable(Type.String()),
    departmentId: Nullable(Type.String()),
    regionCode: Nullable(Type.String()),
    assurance: AssuranceSchema,
    identifierMasked: Nullable(Type.String({ description: '证件号码（脱敏）' })),
    mobileMasked: Nullable(Type.String({ description: '手机号码（脱敏）' })),
    totpEnabled: Type.Boolean(),
    lockedUntil: Nullable(DateTime),
    createdAt: DateTime,
    lastLoginAt: Nullable(DateTime),
  },
  { additionalProperties: false },
);

export const RegisterPersonBody = Type.Object(
  { name: Name, citizenId: CitizenId, mobile: Mobile, password: Password },
  { additionalProperties: false },
);

export const RegisterEnterpriseBody = Type.Object(
  { name: Name, creditCode: CreditCode, legalRepresentative: Name, mobile: Mobile, password: Password },
  { additionalProperties: false },
);

export const CreateStaffBody = Type.Object(
  {
    name: Name,
    username: Type.String({ minLength: 3, maxLength: 32 }),
    departmentId: Type.String({ format: 'uuid' }),
    regionCode: Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 行政区划代码' }),
    citizenId: Type.Optional(CitizenId),
    mobile: Type.Optional(Mobile),
    password: Password,
  },
  { additionalProperties: false },
);

export const AccountListQuery = Type.Object(
  {
    kind: Type.Optional(AccountKindSchema),
    q: Type.Optional(Type.String({ maxLength: 100, description: '姓名、用户名，或完整的证件号码' })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const AccountListResponse = Type.Object(
  {
    items: Type.Array(AccountSummarySchema),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false },
);

export const AssuranceBody = Type.Object({ level: AssuranceSchema }, { additionalProperties: false });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const TotpBeginResponse = Type.Object(
  {
    secret: Type.String({ description: 'Base32 密钥，供无法扫码时手工输入' }),
    otpauthUri: Type.String({ description: 'otpauth:// 链接，生成二维码供身份验证器扫描' }),
  },
  { additionalProperties: false },
);

export const CodeBody = Type.Object({ code: Code }, { additionalProperties: false });

export const RecoveryCodesResponse = Type.Object(
  { recoveryCodes: Type.Array(Type.String(), { description: '恢复码，仅显示这一次，每个只能使用一次' }) },
  { additionalProperties: false },
);

export const UnlockCodeBody = Type.Object({ login: Login }, { additionalProperties: false });
export const UnlockBody = Type.Object({ login: Login, code: Code }, { additionalProperties: false });

export const AcceptedResponse = Type.Object(
  { accepted: Type.Boolean(), message: Type.String() },
  { additionalProperties: false },
);
