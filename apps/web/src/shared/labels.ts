/** Chinese names of the catalogue's and the case engine's codes, as the guide and case pages show them. */

import type { CaseAction } from '../api/types';

export const THEMES: Record<string, { label: string; audience: 'person' | 'enterprise' }> = {
  birth: { label: '生育收养', audience: 'person' },
  schooling: { label: '教育入学', audience: 'person' },
  employment: { label: '就业创业', audience: 'person' },
  marriage: { label: '婚姻登记', audience: 'person' },
  housing: { label: '住房保障', audience: 'person' },
  social_security: { label: '社会保障', audience: 'person' },
  medical: { label: '医疗卫生', audience: 'person' },
  household: { label: '户籍办理', audience: 'person' },
  travel: { label: '交通出行', audience: 'person' },
  retirement: { label: '退休养老', audience: 'person' },
  after_death: { label: '身后事', audience: 'person' },
  establishment: { label: '设立变更', audience: 'enterprise' },
  operation: { label: '准营经营', audience: 'enterprise' },
  change: { label: '变更登记', audience: 'enterprise' },
  cancellation: { label: '注销退出', audience: 'enterprise' },
  construction: { label: '工程建设', audience: 'enterprise' },
  tax: { label: '税费办理', audience: 'enterprise' },
  transport_business: { label: '交通运输', audience: 'enterprise' },
};

export const AUDIENCES: Record<string, string> = { person: '个人', enterprise: '法人' };

/** 网办深度 一级~四级 */
export const ONLINE_DEPTHS: Record<number, { label: string; short: string; color: string }> = {
  1: { label: '一级：网上可查询办事信息', short: '信息查询', color: 'default' },
  2: { label: '二级：可下载表格', short: '表格下载', color: 'default' },
  3: { label: '三级：在线预审', short: '在线预审', color: 'blue' },
  4: { label: '四级：全程网办', short: '全程网办', color: 'green' },
};

export const MATERIAL_FORMS: Record<string, string> = { paper: '纸质', electronic: '电子' };

export const NECESSITY: Record<string, string> = {
  required: '必需',
  deferrable: '容缺可后补',
  conditional: '特定情形需要',
};

/** 来源渠道 */
export const SOURCE_CHANNELS: Record<string, string> = {
  applicant: '申请人自备',
  government_issued: '政府部门核发',
  shared_data: '共享获取',
  window_generated: '窗口生成',
};

export const HANDLING_FORMS: Record<string, string> = {
  online: '网上办理',
  window: '窗口办理',
  mail: '邮寄办理',
};

/** 身份核验等级 */
export const ASSURANCE: Record<string, { label: string; rank: number }> = {
  self_declared: { label: '自行声明（注册即可）', rank: 0 },
  population: { label: '实名核验（人口库核验）', rank: 1 },
  in_person: { label: '现场核验（窗口或人脸核验）', rank: 2 },
};

export const MATERIAL_SOURCES: Record<string, string> = {
  upload: '已上传',
  licence: '电子证照免提交',
  shared_data: '共享数据免提交',
  window: '窗口收取',
};

export const DELIVERY_METHODS: Record<string, string> = {
  window: '窗口领取',
  mail: '邮寄送达',
  electronic: '电子送达',
};

export const NOTICE_KINDS: Record<string, string> = {
  acceptance: '受理通知书',
  correction: '补正告知书',
  nonAcceptance: '不予受理通知书',
  decision: '行政许可决定书',
  refusal: '不予许可决定书',
  extension: '延长审批期限告知书',
};

/** antd Tag colours of case statuses. */
export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  correction_required: 'warning',
  accepted: 'processing',
  not_accepted: 'error',
  under_review: 'processing',
  suspended: 'warning',
  approved: 'success',
  refused: 'error',
  produced: 'success',
  delivered: 'success',
  completed: 'success',
  withdrawn: 'default',
  terminated: 'default',
  returned: 'error',
};

export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  correction_required: '待补正',
  accepted: '已受理',
  not_accepted: '不予受理',
  under_review: '审查中',
  suspended: '特别程序中',
  approved: '准予许可',
  refused: '不予许可',
  produced: '已制证',
  delivered: '已送达',
  completed: '已办结',
  withdrawn: '已撤回',
  terminated: '已终止',
  returned: '已退回',
};

/**
 * The case engine's actions (cases.machine.ts CASE_ACTIONS), as department systems receive them in
 * case events (`case.<action>`) and subscribe to them. Typed by the API's own list, so an action the
 * server adds fails the typecheck until it has a name here.
 */
export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  submit: '提交申请',
  request_correction: '一次性告知补正',
  resubmit: '补正后重新提交',
  accept: '受理',
  accept_with_deficiency: '容缺受理',
  refuse_acceptance: '不予受理',
  handle_immediately: '即办',
  review: '审查意见',
  suspend: '中止（特别程序）',
  resume: '恢复',
  request_extension: '申请延长期限',
  approve_extension: '批准延长期限',
  decline_extension: '不予延长期限',
  approve: '准予许可决定',
  refuse: '不予许可决定',
  produce: '制证',
  deliver: '送达',
  complete: '办结',
  withdraw: '撤回申请',
  terminate: '终止',
  supply_material: '补交容缺材料',
  return_deficient: '容缺材料逾期退回',
};

/** A time limit as people read it: 即办 or N 个工作日. */
export function timeLimitText(limit: { kind: string; days?: number } | undefined | null): string {
  if (!limit) return '—';
  return limit.kind === 'immediate' ? '即办' : `${limit.days ?? '?'} 个工作日`;
}

/**
 * Times as China reads them, whatever the browser's own timezone: a case received at 09:30 in
 * Beijing shows 09:30 to the applicant abroad and to a machine on UTC alike, as its notices say.
 */
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
