/**
 * Shared builders of the seed catalogue: the seeded regions' service halls and phones, and small
 * helpers for guides, materials, forms and processes so that each basic item has ONE builder and
 * each region only supplies its specifics (department, hall, phone, promised limit, online depth).
 *
 * Addresses and phone numbers are illustrative demo data in the style of the real halls, not
 * authoritative contact details.
 */

import type { Sector } from '../../org/org.sectors.js';
import { type SeedDepartment, seedDepartments } from '../../org/org.seed-data.js';
import type {
  Audience,
  FormSchema,
  Guide,
  LegalBasis,
  Material,
  ProcessStep,
  Theme,
  TimeLimit,
} from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';

export type Content = SeedEntry['content'];
export type FormField = FormSchema['properties'][string];
export type Depth = 1 | 2 | 3 | 4;

/** A seeded region as the guides show it: its service hall, opening hours and telephone area code. */
export interface Region {
  code: string;
  /** Name as a resident says it: 杭州市, 西湖区, 桐庐县, 北山街道. */
  name: string;
  areaCode: '0571' | '0574' | '0577';
  hall: string;
  address: string;
  hours: string;
}

const WEEKDAYS = '工作日 9:00-12:00, 13:30-17:00（法定节假日除外）';
const WEEKDAYS_EARLY = '工作日 8:30-12:00, 13:30-17:00（法定节假日除外）';
const WITH_SATURDAY = '工作日 9:00-12:00, 13:30-17:00；周六 9:00-12:00 延时服务（法定节假日除外）';

const REGIONS: readonly Region[] = [
  {
    code: '330000',
    name: '浙江省',
    areaCode: '0571',
    hall: '浙江政务服务中心',
    address: '杭州市西湖区省府路8号',
    hours: WEEKDAYS,
  },
  {
    code: '330100',
    name: '杭州市',
    areaCode: '0571',
    hall: '杭州市民中心行政服务中心',
    address: '杭州市上城区解放东路18号市民中心',
    hours: WITH_SATURDAY,
  },
  {
    code: '330106',
    name: '西湖区',
    areaCode: '0571',
    hall: '西湖区行政服务中心',
    address: '杭州市西湖区西溪路558号',
    hours: WITH_SATURDAY,
  },
  {
    code: '330122',
    name: '桐庐县',
    areaCode: '0571',
    hall: '桐庐县行政服务中心',
    address: '桐庐县桐君街道迎春南路277号',
    hours: WEEKDAYS_EARLY,
  },
  {
    code: '330200',
    name: '宁波市',
    areaCode: '0574',
    hall: '宁波市民服务中心',
    address: '宁波市鄞州区宁穿路1901号',
    hours: WEEKDAYS_EARLY,
  },
  {
    code: '330212',
    name: '鄞州区',
    areaCode: '0574',
    hall: '鄞州区行政服务中心',
    address: '宁波市鄞州区天童南路1200号',
    hours: WITH_SATURDAY,
  },
  {
    code: '330226',
    name: '宁海县',
    areaCode: '0574',
    hall: '宁海县行政服务中心',
    address: '宁海县跃龙街道兴宁中路88号',
    hours: WEEKDAYS_EARLY,
  },
  {
    code: '330300',
    name: '温州市',
    areaCode: '0577',
    hall: '温州市民中心',
    address: '温州市鹿城区市府路500号',
    hours: WEEKDAYS,
  },
  {
    code: '330302',
    name: '鹿城区',
    areaCode: '0577',
    hall: '鹿城区行政审批服务中心',
    address: '温州市鹿城区车站大道577号',
    hours: WEEKDAYS,
  },
  {
    code: '330324',
    name: '永嘉县',
    areaCode: '0577',
    hall: '永嘉县行政服务中心',
    address: '永嘉县瓯北街道罗浮大街228号',
    hours: WEEKDAYS_EARLY,
  },
  {
    code: '330106002000',
    name: '北山街道',
    areaCode: '0571',
    hall: '北山街道便民服务中心',
    address: '杭州市西湖区北山街道保俶路29号',
    hours: WEEKDAYS,
  },
  {
    code: '330106109000',
    name: '三墩镇',
    areaCode: '0571',
    hall: '三墩镇便民服务中心',
    address: '杭州市西湖区三墩镇墩余路16号',
    hours: WEEKDAYS,
  },
  {
    code: '330212006000',
    name: '首南街道',
    areaCode: '0574',
    hall: '首南街道便民服务中心',
    address: '宁波市鄞州区首南街道泰康中路620号',
    hours: WEEKDAYS_EARLY,
  },
  {
    code: '330302006000',
    name: '五马街道',
    areaCode: '0577',
    hall: '五马街道便民服务中心',
    address: '温州市鹿城区五马街道解放街152号',
    hours: WEEKDAYS,
  },
];

const regionByCode = new Map(REGIONS.map((region) => [region.code, region]));
const departmentByKey = new Map(seedDepartments.map((dept) => [dept.key, dept]));

/** Per-region specifics of one implementation entry. */
export interface Variant {
  /** 承诺办结时限 in working days, when the region promises something other than the item's default. */
  promised?: number;
  /** 网办深度 reached in that region. */
  depth?: Depth;
}

/** What an item's builder receives for one region. */
export interface Ctx {
  basicCode: string;
  dept: SeedDepartment;
  region: Region;
  variant: Variant;
  /** The implementing department's consultation phone. */
  phone: string;
}

export type Builder = (ctx: Ctx) => Content;
/** A department key, or a key with its region's specifics. */
export type Target = string | readonly [string, Variant];

/** A stable demo landline of a department: the region's area code and 8 digits from its key. */
export function departmentPhone(key: string, areaCode: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${areaCode}-8${String(hash % 10_000_000).padStart(7, '0')}`;
}

/** Drops `undefined` members so the content validates against closed schemas. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** One entry per target department, all built by the item's single builder. */
export function implement(basicCode: string, targets: readonly Target[], build: Builder): SeedEntry[] {
  return targets.map((target) => {
    const [key, variant] = typeof target === 'string' ? [target, {}] : target;
    const dept = departmentByKey.get(key);
    if (!dept) throw new Error(`seed catalogue ${basicCode}: unknown department ${key}`);
    const region = regionByCode.get(dept.regionCode);
    if (!region) throw new Error(`seed catalogue ${basicCode}: no region profile for ${dept.regionCode}`);
    const ctx: Ctx = { basicCode, dept, region, variant, phone: departmentPhone(key, region.areaCode) };
    return { basicCode, departmentKey: key, serial: '0', content: stripUndefined(build(ctx)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Legal basis

export const law = (title: string, article: string, text: string): LegalBasis => ({ title, article, text });

// ---------------------------------------------------------------------------------------------
// Guide

const limit = (value: number | 'immediate'): TimeLimit =>
  value === 'immediate' ? { kind: 'immediate' } : { kind: 'working_days', days: value };

export interface GuideSpec {
  conditions: string[];
  legal: number | 'immediate';
  promised: number | 'immediate';
  forms?: Guide['handlingForms'];
  visits: number;
  visitReason?: string;
  fee?: Guide['fee'];
  /** Defaults to the implementing department's window in the region's service hall. */
  places?: Guide['places'];
  /** Extra places besides the hall window (e.g. 派出所户籍室). */
  morePlaces?: Guide['places'];
  special?: Guide['specialProcedures'];
  audiences: Audience[];
  depth: Depth;
  themes: Theme[];
  highFrequency?: boolean;
  atMostOneVisit?: boolean;
  crossProvince?: boolean;
  result: Guide['result'];
}

export const FREE: Guide['fee'] = { charged: false };

/** The implementing department's window in the region's hall. */
export function hallPlace(ctx: Ctx, window?: string): Guide['places'][number] {
  return {
    name: `${ctx.region.hall}（${window ?? `${ctx.dept.shortName}窗口`}）`,
    address: ctx.region.address,
    hours: ctx.region.hours,
  };
}

export function guide(ctx: Ctx, spec: GuideSpec): Guide {
  const forms = spec.forms ?? (spec.depth >= 3 ? ['online', 'window'] : ['window']);
  const places = [
    ...(spec.places ?? (forms.includes('window') ? [hallPlace(ctx)] : [])),
    ...(spec.morePlaces ?? []),
  ];
  const links: Guide['onlineLinks'] = [{ label: '办事指南', url: `/services/${ctx.basicCode}` }];
  if (spec.depth >= 2) {
    links.push({ label: '表格下载', url: `/services/${ctx.basicCode}/forms` });
  }
  if (spec.depth >= 3) {
    links.push({ label: '在线申办', url: `/services/${ctx.basicCode}/apply?region=${ctx.region.code}` });
  }
  return {
    acceptanceConditions: spec.conditions,
    legalTimeLimit: limit(spec.legal),
    promisedTimeLimit: limit(spec.promised),
    handlingType: spec.promised === 'immediate' ? 'immediate' : 'promised',
    handlingForms: forms,
    visits: spec.visits,
    visitReason: spec.visitReason,
    fee: spec.fee ?? FREE,
    places,
    consultation: {
      phone: ctx.phone,
      address: places[0]?.address ?? ctx.region.address,
      online: '浙里办 App、浙江政务服务网“咨询”栏目',
    },
    complaint: {
      phone: '12345',
      online: `12345 政务服务便民热线（${ctx.region.name}）网上信箱`,
    },
    specialProcedures: spec.special ?? [],
    audiences: spec.audiences,
    onlineDepth: spec.depth,
    themes: spec.themes,
    highFrequency: spec.highFrequency ?? false,
    atMostOneVisit: spec.atMostOneVisit ?? spec.visits <= 1,
    crossProvince: spec.crossProvince ?? false,
    result: spec.result,
    onlineLinks: links,
  };
}

/** Visits follow the online depth: 全程网办 needs none. */
export function visitsFor(
  depth: Depth,
  offline: number,
  reason: string,
): Pick<GuideSpec, 'visits' | 'visitReason'> {
  return depth === 4 ? { visits: 0 } : { visits: offline, visitReason: offline > 0 ? reason : undefined };
}

// ---------------------------------------------------------------------------------------------
// Materials

type MaterialSpec = Partial<Material> & Pick<Material, 'acceptanceStandard'>;

export function material(key: string, name: string, spec: MaterialSpec): Material {
  return {
    key,
    name,
    forms: ['paper', 'electronic'],
    copies: 1,
    specification: 'A4 纸张；电子材料为 PDF 或 JPG 格式，清晰完整',
    necessity: 'required',
    sourceChannel: 'applicant',
    ...spec,
  };
}

/** 申请表 filled online or at the window. */
export function applicationForm(
  name: string,
  key = 'application-form',
  extra: Partial<Material> = {},
): Material {
  return material(key, name, {
    specification: 'A4 纸张，原件；网上申请的在线填报后电子签名',
    acceptanceStandard: '内容填写完整、真实，与其他材料一致，申请人签字（盖章）',
    fillingNotes: '可在网上申报系统在线填写，系统自动带出已认证的身份信息',
    ...extra,
  });
}

export function idCard(who = '申请人', key = 'id-card', extra: Partial<Material> = {}): Material {
  return material(key, `${who}居民身份证`, {
    specification: '原件核验；已关联电子证照的免提交',
    sourceChannel: 'government_issued',
    licenceTypeCode: 'JMSFZ',
    acceptanceStandard: '证件在有效期内，照片、姓名、身份号码与申请信息一致',
    ...extra,
  });
}

export function householdRegister(extra: Partial<Material> = {}): Material {
  return material('household-register', '居民户口簿', {
    specification: '原件核验（户主页及本人页）；已关联电子证照的免提交',
    sourceChannel: 'government_issued',
    licenceTypeCode: 'HKB',
    acceptanceStandard: '户口簿信息与身份证一致，本人页无涂改',
    ...extra,
  });
}

export function businessLicence(extra: Partial<Material> = {}): Material {
  return material('business-licence', '营业执照', {
    specification: '原件核验；已关联电子营业执照的免提交',
    sourceChannel: 'government_issued',
    licenceTypeCode: 'YYZZ',
    acceptanceStandard: '营业执照在有效期内，主体名称、统一社会信用代码与申请一致',
    ...extra,
  });
}

export function powerOfAttorney(key = 'power-of-attorney'): Material {
  return material(key, '授权委托书及受托人身份证明', {
    necessity: 'conditional',
    condition: '委托他人代为办理的',
    acceptanceStandard: '委托事项、权限和期限明确，委托人签字（盖章），受托人身份证件有效',
  });
}

export function shared(key: string, name: string, dataItem: string, standard: string): Material {
  return material(key, name, {
    forms: ['electronic'],
    copies: 0,
    specification: '通过数据共享平台获取，申请人无需提交',
    sourceChannel: 'shared_data',
    sharedDataItem: dataItem,
    acceptanceStandard: standard,
  });
}

export function windowMade(key: string, name: string, standard: string): Material {
  return material(key, name, {
    forms: ['paper', 'electronic'],
    specification: '窗口当场生成，申请人签字确认',
    sourceChannel: 'window_generated',
    acceptanceStandard: standard,
  });
}

export function photo(key: string, name: string, specification: string): Material {
  return material(key, name, {
    forms: ['paper', 'electronic'],
    specification,
    acceptanceStandard: '近期正面免冠，背景、尺寸符合规格，面部清晰无遮挡',
  });
}

// ---------------------------------------------------------------------------------------------
// Forms: shared field names, so a 一件事 bundle's combined form asks each fact once.

export const F = {
  applicantName: {
    type: 'string',
    title: '申请人姓名',
    maxLength: 50,
    'x-prefill': { source: 'profile', field: 'name' },
  },
  idNumber: {
    type: 'string',
    title: '公民身份号码',
    format: 'citizen-id',
    'x-prefill': { source: 'profile', field: 'idNumber' },
  },
  mobile: {
    type: 'string',
    title: '手机号码',
    format: 'mobile',
    'x-prefill': { source: 'profile', field: 'mobile' },
  },
  address: { type: 'string', title: '联系地址', maxLength: 200 },
  enterpriseName: {
    type: 'string',
    title: '主体名称',
    maxLength: 100,
    'x-prefill': { source: 'profile', field: 'enterprise.name' },
  },
  creditCode: {
    type: 'string',
    title: '统一社会信用代码',
    format: 'credit-code',
    'x-prefill': { source: 'profile', field: 'enterprise.creditCode' },
  },
  legalRepresentative: {
    type: 'string',
    title: '法定代表人（负责人/经营者）',
    maxLength: 50,
    'x-prefill': { source: 'profile', field: 'enterprise.legalRepresentative' },
  },
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

export const PERSON_FIELDS: readonly SharedField[] = ['applicantName', 'idNumber', 'mobile'];
export const ENTERPRISE_FIELDS: readonly SharedField[] = [
  'enterpriseName',
  'creditCode',
  'legalRepresentative',
  'contactName',
  'mobile',
];

// ---------------------------------------------------------------------------------------------
// Processes

const IMPLEMENTING = { department: 'implementing' } as const;

export function step(
  key: string,
  name: string,
  kind: ProcessStep['kind'],
  role: ProcessStep['role'],
  workingDays: number,
  extra: { sector?: Sector; jointSectors?: Sector[] } = {},
): ProcessStep {
  return {
    key,
    name,
    kind,
    handler: extra.sector ? { sector: extra.sector } : IMPLEMENTING,
    role,
    workingDays,
    jointSectors: extra.jointSectors,
  };
}

/** 即办件: acceptance, check and decision in one step at the window. */
export function onTheSpot(name = '受理并当场办结'): Content['process'] {
  return { steps: [step('handle', name, 'decision', 'window_clerk', 0)] };
}

/**
 * 承诺件: acceptance on the spot, then review, decision and (when a licence is made) production,
 * the steps' limits adding up to the promised working days.
 */
export function flow(
  promised: number,
  options: { joint?: Sector[]; preliminary?: boolean; production?: boolean; reviewName?: string } = {},
): Content['process'] {
  const production = options.production && promised >= 3 ? 1 : 0;
  const decision = promised >= 2 ? 1 : 0;
  const preliminary =
    options.preliminary && promised >= 4 ? Math.floor((promised - production - decision) / 2) : 0;
  const review = promised - production - decision - preliminary;
  const steps: ProcessStep[] = [step('accept', '受理', 'acceptance', 'window_clerk', 0)];
  if (preliminary > 0) steps.push(step('preliminary', '初审', 'preliminary_review', 'reviewer', preliminary));
  steps.push(
    step('review', options.reviewName ?? '审查', 'review', 'reviewer', review, {
      jointSectors: options.joint,
    }),
  );
  steps.push(step('decide', '决定', 'decision', 'approver', decision));
  if (options.production)
    steps.push(step('produce', '制证送达', 'production', 'licence_officer', production));
  return { steps };
}

export const PERSON: Audience[] = ['person'];
export const ENTERPRISE: Audience[] = ['enterprise'];
export const BOTH: Audience[] = ['person', 'enterprise'];
