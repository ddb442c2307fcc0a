/**
 * Shared form fields (表单字段) of the seed catalogue: one definition per fact, so that a 一件事
 * bundle's combined form asks each fact once, and the field groups (申请人, 市场主体, 新生儿, 房屋交易…)
 * that many items' forms start from.
 */
import type { FormSchema } from '../catalogue.model.js';

export type FormField = FormSchema['properties'][string];

/**
 * A field filled in from the applicant's verified profile (实名认证信息 / 法人信息): `field` is the
 * profile path (`name`, `enterprise.creditCode`…), added last as `x-prefill`.
 */
function fromProfile(spec: FormField, field: string): FormField {
  return { ...spec, 'x-prefill': { source: 'profile', field } };
}

/** The shared fields by name; the applicant's and the enterprise's identity are prefilled. */
export const F = {
  applicantName: fromProfile({ type: 'string', title: '申请人姓名', maxLength: 50 }, 'name'),
  idNumber: fromProfile({ type: 'string', title: '公民身份号码', format: 'citizen-id' }, 'idNumber'),
  mobile: fromProfile({ type: 'string', title: '手机号码', format: 'mobile' }, 'mobile'),
  address: { type: 'string', title: '联系地址', maxLength: 200 },
  enterpriseName: fromProfile({ type: 'string', title: '主体名称', maxLength: 100 }, 'enterprise.name'),
  creditCode: fromProfile(
    { type: 'string', title: '统一社会信用代码', format: 'credit-code' },
    'enterprise.creditCode',
  ),
  legalRepresentative: fromProfile(
    { type: 'string', title: '法定代表人（负责人/经营者）', maxLength: 50 },
    'enterprise.legalRepresentative',
  ),
  businessAddress: { type: 'string', title: '经营场所（住所）', maxLength: 200 },
  businessScope: { type: 'string', title: '经营范围', maxLength: 2000 },
  contactName: { type: 'string', title: '联系人', maxLength: 50 },
  bankAccount: { type: 'string', title: '银行账号', pattern: '^[0-9]{10,30}$' },
  bankName: { type: 'string', title: '开户银行', maxLength: 100 },
  childName: { type: 'string', title: '新生儿姓名', maxLength: 50 },
  childBirthDate: { type: 'string', title: '新生儿出生日期', format: 'date' },
  childGender: { type: 'string', title: '新生儿性别', enum: ['男', '女'] },
  motherName: { type: 'string', title: '母亲姓名', maxLength: 50 },
  motherIdNumber: { type: 'string', title: '母亲公民身份号码', format: 'citizen-id' },
  fatherName: { type: 'string', title: '父亲姓名', maxLength: 50 },
  fatherIdNumber: { type: 'string', title: '父亲公民身份号码', format: 'citizen-id' },
  propertyAddress: { type: 'string', title: '不动产坐落', maxLength: 200 },
  propertyCertificateNumber: { type: 'string', title: '不动产权证书号', maxLength: 60 },
  transactionPrice: { type: 'number', title: '成交价格（元）', minimum: 0 },
  buyerName: { type: 'string', title: '买受人（受让方）姓名或名称', maxLength: 100 },
  buyerIdNumber: { type: 'string', title: '买受人证件号码', maxLength: 30 },
  deceasedName: { type: 'string', title: '逝者姓名', maxLength: 50 },
  deceasedIdNumber: { type: 'string', title: '逝者公民身份号码', format: 'citizen-id' },
  deathDate: { type: 'string', title: '死亡日期', format: 'date' },
  retirementDate: { type: 'string', title: '申请退休日期', format: 'date' },
} satisfies Record<string, FormField>;

export type SharedField = keyof typeof F;

/** A form of shared and item-specific fields; `required` lists the names that must be filled. */
export function form(
  title: string,
  shared: readonly SharedField[],
  own: Record<string, FormField>,
  required: readonly string[],
): FormSchema {
  const properties: Record<string, FormField> = {};
  for (const name of shared) properties[name] = F[name] as FormField;
  Object.assign(properties, own);
  return { type: 'object', title, properties, required: [...required] };
}

// ---------------------------------------------------------------------------------------------
// Field groups: start a form's shared fields (or its `required` list) with one of these.

/** 申请人 (individual): name, citizen ID and mobile — also exactly what a person's form requires. */
export const PERSON_FIELDS: readonly SharedField[] = ['applicantName', 'idNumber', 'mobile'];
/** What every individual's form requires: the applicant fields of `PERSON_FIELDS`. */
export const PERSON_REQUIRED: readonly SharedField[] = PERSON_FIELDS;

/** 市场主体 (enterprise): name, credit code, legal representative, contact and mobile. */
export const ENTERPRISE_FIELDS: readonly SharedField[] = [
  'enterpriseName',
  'creditCode',
  'legalRepresentative',
  'contactName',
  'mobile',
];
/** 市场主体及经营场所: the enterprise fields and its business address (经营场所（住所）). */
export const ENTERPRISE_PREMISES_FIELDS: readonly SharedField[] = [...ENTERPRISE_FIELDS, 'businessAddress'];
/** What an enterprise's form usually requires: name, credit code, legal representative, mobile. */
export const ENTERPRISE_REQUIRED: readonly SharedField[] = [
  'enterpriseName',
  'creditCode',
  'legalRepresentative',
  'mobile',
];

/** 银行账户: account number and bank, for payments (养老金, 公积金, 税款扣缴…). */
export const BANK_FIELDS: readonly SharedField[] = ['bankAccount', 'bankName'];

/** 新生儿及父母: the newborn (name, gender, birth date) and both parents' names and IDs. */
export const NEWBORN_FIELDS: readonly SharedField[] = [
  'childName',
  'childGender',
  'childBirthDate',
  'motherName',
  'motherIdNumber',
  'fatherName',
  'fatherIdNumber',
];

/** 逝者: the deceased's name, citizen ID and date of death (身后事). */
export const DECEASED_FIELDS: readonly SharedField[] = ['deceasedName', 'deceasedIdNumber', 'deathDate'];

/** 存量房交易: the property (坐落, 权证号), the buyer (买受人) and the price (成交价格). */
export const PROPERTY_DEAL_FIELDS: readonly SharedField[] = [
  'propertyAddress',
  'propertyCertificateNumber',
  'buyerName',
  'buyerIdNumber',
  'transactionPrice',
];
