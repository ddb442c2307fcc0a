/**
 * Shared builders of the seed catalogue: the seeded regions' service halls and phones, and small
 * helpers for guides, materials, forms, processes and handling items so that each basic item has
 * ONE builder and each region only supplies its specifics (department, hall, phone, promised
 * limit, online depth). Materials live in ./shared-materials.ts, form fields in ./shared-forms.ts
 * and basic codes in ./basic-codes.ts; this module re-exports the first two.
 *
 * Addresses and phone numbers are illustrative demo data in the style of the real halls, not
 * authoritative contact details.
 */

import type { Sector } from '../../org/org.sectors.js';
import { type SeedDepartment, seedDepartments } from '../../org/org.seed-data.js';
import type {
  Audience,
  Guide,
  HandlingItem,
  LegalBasis,
  ProcessStep,
  Theme,
  TimeLimit,
} from '../catalogue.model.js';
import type { SeedEntry } from '../catalogue.seed-types.js';

// Materials (申请材料) and form fields (表单字段) live in their own modules; they are re-exported
// here so that code outside seed/ (e.g. the benchmark's catalogue generator) has one entry point.
export * from './shared-forms.js';
export * from './shared-materials.js';

export type Content = SeedEntry['content'];
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

/** 即办件、零跑腿: handled on the spot (法定、承诺时限均为即办) with no visit to the hall. */
export const IMMEDIATE_ZERO_VISIT = {
  legal: 'immediate',
  promised: 'immediate',
  visits: 0,
} as const satisfies Partial<GuideSpec>;

/** The promised limit (承诺时限) of a region that may promise 0 working days, i.e. 即办. */
export function immediateOr(promised: number): GuideSpec['promised'] {
  return promised === 0 ? 'immediate' : promised;
}

/** A place (办理地点) other than a department's hall window: its name, address and opening hours. */
export function place(name: string, address: string, hours: string): Guide['places'][number] {
  return { name, address, hours };
}

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

/** Options of a 承诺件 `flow`. */
export interface FlowOptions {
  /** Sectors reviewing jointly (并联审查) with the implementing department. */
  joint?: Sector[];
  /** Split off a 初审 step (for limits of 4 working days or more). */
  preliminary?: boolean;
  /** End with 制证送达 (for limits of 3 working days or more). */
  production?: boolean;
  /** Name of the review step, 审查 by default. */
  reviewName?: string;
}

/**
 * 承诺件: acceptance on the spot, then review, decision and (when a licence is made) production,
 * the steps' limits adding up to the promised working days.
 */
export function flow(promised: number, options: FlowOptions = {}): Content['process'] {
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

/** 即办 (`onTheSpot`, named `name`) when the region promises 0 working days, else the `flow`. */
export function onTheSpotOr(promised: number, name: string, options?: FlowOptions): Content['process'] {
  return promised === 0 ? onTheSpot(name) : flow(promised, options);
}

// ---------------------------------------------------------------------------------------------
// Handling items (业务办理项)

export type HandlingKind = HandlingItem['kind'];

/**
 * 业务办理项 of one subject: one per label, named `${subject}${label}`, in the labels' order, e.g.
 * `stages('失业登记', { new: '', cancellation: '注销' })` → 失业登记 (new), 失业登记注销 (cancellation).
 */
export function stages(
  subject: string,
  labels: Partial<Record<HandlingKind, string>>,
): Content['handlingItems'] {
  const items: Content['handlingItems'] = [];
  for (const [kind, label] of Object.entries(labels) as [HandlingKind, string][]) {
    items.push({ name: `${subject}${label}`, kind });
  }
  return items;
}

/** A licence's four stages: 新办, 变更, 延续, 注销; spread it and override a stage to rename it. */
export const LICENCE_STAGES = {
  new: '（新办）',
  change: '（变更）',
  renewal: '（延续）',
  cancellation: '（注销）',
} as const satisfies Partial<Record<HandlingKind, string>>;

// ---------------------------------------------------------------------------------------------
// Audiences (服务对象)

export const PERSON: Audience[] = ['person'];
export const ENTERPRISE: Audience[] = ['enterprise'];
export const BOTH: Audience[] = ['person', 'enterprise'];
