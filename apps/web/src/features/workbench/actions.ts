import { ApiError } from '../../api/client';
import type { CaseAction } from '../../api/types';

/** What an action asks the clerk for, beyond the confirmation. */
export type ActionField =
  | 'corrections'
  | 'reason'
  | 'legalBasis'
  | 'comment'
  | 'opinion'
  | 'procedure'
  | 'result'
  | 'content'
  | 'method'
  | 'trackingNumber'
  | 'licenceNumber'
  | 'deferredMaterials'
  | 'commitment';

export interface ActionSpec {
  label: string;
  /** What happens, said before the clerk confirms. */
  effect: string;
  fields: ActionField[];
  /** The fields the server refuses to go without. */
  required: ActionField[];
  danger?: boolean;
  /** The written notice the applicant receives (行政许可法: acceptance, refusal, decisions in writing). */
  notice?: string;
}

/**
 * The staff actions of the case engine (cases.machine.ts), in the order of a case's life. Which of
 * them a case offers comes from the case view's `allowedActions`, the engine's own answer.
 */
export const STAFF_ACTIONS: Partial<Record<CaseAction, ActionSpec>> = {
  accept: {
    label: '受理',
    effect: '受理本申请，生成受理编号并开始计算承诺时限和法定时限。',
    fields: [],
    required: [],
    notice: '受理通知书',
  },
  handle_immediately: {
    label: '即办',
    effect: '当场受理并办结本申请（即办件）。',
    fields: [],
    required: [],
    notice: '受理通知书',
  },
  request_correction: {
    label: '一次性告知补正',
    effect: '把需要补正的材料和表单内容一次性告知申请人（只能告知一次），办件转为“待补正”。',
    fields: ['corrections'],
    required: ['corrections'],
    notice: '补正告知书',
  },
  accept_with_deficiency: {
    label: '容缺受理',
    effect: '在申请人书面承诺按期补交的前提下受理，所缺材料须在期限内补齐。',
    fields: ['deferredMaterials', 'commitment'],
    required: ['deferredMaterials', 'commitment'],
    notice: '受理通知书（容缺）',
  },
  refuse_acceptance: {
    label: '不予受理',
    effect: '作出不予受理决定并说明理由和依据，办件结束。',
    fields: ['reason', 'legalBasis'],
    required: ['reason', 'legalBasis'],
    danger: true,
    notice: '不予受理通知书',
  },
  review: {
    label: '审查意见',
    effect: '提交本环节（并联审查时为本部门）的审查意见；全部意见齐备后进入下一环节。',
    fields: ['opinion', 'comment'],
    required: ['opinion'],
  },
  suspend: {
    label: '中止（特别程序）',
    effect: '进入听证、检验、鉴定等特别程序，所需时间不计入办理期限，并书面告知申请人。',
    fields: ['procedure', 'reason'],
    required: ['procedure', 'reason'],
  },
  resume: {
    label: '恢复办理',
    effect: '特别程序结束，恢复计时，办理期限顺延特别程序所用的工作日。',
    fields: ['result'],
    required: ['result'],
  },
  request_extension: {
    label: '申请延期',
    effect:
      '本件不能在法定期限内作出决定时，写明理由报本机关负责人（审批人员）批准延长办理期限；只能延长一次，单一部门办理延长 10 个工作日，联合办理延长 15 个工作日。',
    fields: ['reason'],
    required: ['reason'],
  },
  approve_extension: {
    label: '批准延期',
    effect: '批准审查人员的延期申请，办理期限延长一次，并以书面告知书把延长期限和理由告知申请人。',
    fields: ['comment'],
    required: [],
    notice: '延长审批期限告知书',
  },
  decline_extension: {
    label: '不予延期',
    effect: '不批准本次延期申请（须写明理由），办理期限不变；审查人员可另行申请。',
    fields: ['reason'],
    required: ['reason'],
    danger: true,
  },
  approve: {
    label: '准予许可',
    effect: '作出准予行政许可的书面决定。',
    fields: ['content', 'legalBasis'],
    required: ['content'],
    notice: '行政许可决定书',
  },
  refuse: {
    label: '不予许可',
    effect: '作出不予行政许可的书面决定，说明理由并告知申请复议或诉讼的权利。',
    fields: ['reason', 'legalBasis'],
    required: ['reason'],
    danger: true,
    notice: '不予许可决定书',
  },
  produce: {
    label: '制证',
    effect: '制作许可证件（电子证照随之签发）。',
    fields: ['licenceNumber'],
    required: ['licenceNumber'],
  },
  deliver: {
    label: '送达',
    effect: '把办理结果送达申请人。',
    fields: ['method', 'trackingNumber'],
    required: ['method'],
  },
  complete: { label: '办结', effect: '办件办结，申请人可以评价本次服务。', fields: [], required: [] },
  terminate: {
    label: '终止',
    effect: '终止办理本申请，办件结束。',
    fields: ['reason'],
    required: ['reason'],
    danger: true,
  },
  return_deficient: {
    label: '容缺逾期退回',
    effect: '容缺材料未在承诺期限内补交，退回申请。',
    fields: [],
    required: [],
    danger: true,
  },
};

export const PROCEDURES: Record<string, string> = {
  hearing: '听证',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
  tender: '招标',
  auction: '拍卖',
  announcement: '公告',
};

/** The allowed actions a refusal names, in words. */
export function allowedOf(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const allowed = (error.details as { allowedActions?: CaseAction[] } | undefined)?.allowedActions;
  if (!allowed) return null;
  return allowed.map((name) => STAFF_ACTIONS[name]?.label ?? name).join('、') || '无';
}
