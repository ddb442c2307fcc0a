import { AppError } from '../../platform/errors.js';

/**
 * The case (办件) state machine: every status a case can be in and every action that moves it, as
 * one explicit table. The case engine stores actions (an append-only log) and derives the status by
 * replaying them through `transition`; nothing else decides what may happen next.
 */
export const CASE_STATUSES = {
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
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

export const CASE_ACTIONS = {
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
} as const;
export type CaseAction = keyof typeof CASE_ACTIONS;

/** Facts about the case the table's guards read (kept by the engine from the action log). */
export interface CaseFacts {
  /** How many one-time correction notices have been issued (行政许可法 第32条: once). */
  corrections: number;
  /** Extensions granted (第42条: once). */
  extensions: number;
  /**
   * An extension the handling reviewer asked for, waiting for the approver (负责人批准): at most one
   * at a time, none once an extension was granted; it lapses when the case leaves the open statuses.
   */
  extensionRequested: boolean;
  /** The status a suspension interrupted. */
  suspendedFrom: CaseStatus | null;
  /** Materials accepted missing under a commitment (容缺) and not yet supplied. */
  deficientMaterials: number;
}

export const INITIAL_FACTS: CaseFacts = {
  corrections: 0,
  extensions: 0,
  extensionRequested: false,
  suspendedFrom: null,
  deficientMaterials: 0,
};

interface Rule {
  from: readonly CaseStatus[];
  /** The next status; a function where it depends on the facts (resume returns where it left off). */
  to: CaseStatus | ((facts: CaseFacts, status: CaseStatus) => CaseStatus);
  /** Why the action is refused although the status allows it, or null. */
  guard?: (facts: CaseFacts) => string | null;
}

/** Statuses before a decision, in which the applicant may withdraw (撤回). */
const BEFORE_DECISION = [
  'submitted',
  'correction_required',
  'accepted',
  'under_review',
  'suspended',
] as const;

/** Statuses in which a pending extension request may be answered (a suspension does not void it). */
const EXTENSION_OPEN: readonly CaseStatus[] = ['accepted', 'under_review', 'suspended'];

/** Statuses nothing leaves. */
export const TERMINAL_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'not_accepted',
  'completed',
  'withdrawn',
  'terminated',
  'returned',
]);

const RULES: Record<CaseAction, Rule> = {
  submit: { from: ['draft'], to: 'submitted' },
  request_correction: {
    from: ['submitted'],
    to: 'correction_required',
    guard: (facts) => (facts.corrections >= 1 ? '补正告知只能一次性提出' : null),
  },
  resubmit: { from: ['correction_required'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  accept_with_deficiency: { from: ['submitted'], to: 'accepted' },
  refuse_acceptance: { from: ['submitted'], to: 'not_accepted' },
  handle_immediately: { from: ['submitted'], to: 'completed' },
  review: { from: ['accepted', 'under_review'], to: 'under_review' },
  suspend: { from: ['accepted', 'under_review'], to: 'suspended' },
  resume: { from: ['suspended'], to: (facts) => facts.suspendedFrom ?? 'under_review' },
  // 第42条: the reviewer asks, the head (the department's approver) approves or declines; the status
  // does not change, the clocks do once approved.
  request_extension: {
    from: ['accepted', 'under_review'],
    to: (_facts, status) => status,
    guard: (facts) =>
      facts.extensions >= 1
        ? '办理期限只能延长一次'
        : facts.extensionRequested
          ? '已有待审批的延期申请'
          : null,
  },
  approve_extension: {
    from: EXTENSION_OPEN,
    to: (_facts, status) => status,
    guard: (facts) => (facts.extensionRequested ? null : '没有待审批的延期申请'),
  },
  decline_extension: {
    from: EXTENSION_OPEN,
    to: (_facts, status) => status,
    guard: (facts) => (facts.extensionRequested ? null : '没有待审批的延期申请'),
  },
  // From `accepted` too: a process may go from acceptance straight to the decision (no review step);
  // the engine refuses a decision while review steps remain.
  approve: {
    from: ['accepted', 'under_review'],
    to: 'approved',
    guard: (facts) => (facts.deficientMaterials > 0 ? '容缺材料尚未补齐，不能作出准予决定' : null),
  },
  refuse: { from: ['accepted', 'under_review'], to: 'refused' },
  produce: { from: ['approved'], to: 'produced' },
  deliver: { from: ['produced', 'refused'], to: 'delivered' },
  complete: { from: ['delivered'], to: 'completed' },
  // A draft the applicant gives up is withdrawn too: it stays on their record, never half-deleted.
  withdraw: { from: ['draft', ...BEFORE_DECISION], to: 'withdrawn' },
  terminate: {
    from: [
      'submitted',
      'correction_required',
      'accepted',
      'under_review',
      'suspended',
      'approved',
      'refused',
      'produced',
    ],
    to: 'terminated',
  },
  supply_material: {
    from: ['accepted', 'under_review', 'suspended'],
    to: (_facts, status) => status,
    guard: (facts) => (facts.deficientMaterials === 0 ? '没有待补交的容缺材料' : null),
  },
  return_deficient: {
    from: ['accepted', 'under_review', 'suspended'],
    to: 'returned',
    guard: (facts) => (facts.deficientMaterials === 0 ? '没有逾期未补的容缺材料' : null),
  },
};

/** The actions a case in this status, with these facts, may take now. */
export function allowedActions(status: CaseStatus, facts: CaseFacts): CaseAction[] {
  return (Object.keys(RULES) as CaseAction[]).filter((action) => {
    const rule = RULES[action];
    return rule.from.includes(status) && !rule.guard?.(facts);
  });
}

/** A refused transition: names the current status and what is allowed instead. */
export function transitionRefused(status: CaseStatus, action: CaseAction, facts: CaseFacts, reason?: string) {
  const allowed = allowedActions(status, facts);
  return new AppError(
    'CASE_ACTION_NOT_ALLOWED',
    409,
    reason ?? `办件当前状态为“${CASE_STATUSES[status]}”，不能执行“${CASE_ACTIONS[action]}”`,
    { details: { status, action, allowedActions: allowed } },
  );
}

/**
 * Apply one action: the next status and the updated facts, or CASE_ACTION_NOT_ALLOWED. The facts an
 * action changes are kept here so replaying the log always gives the same result.
 */
export function transition(
  status: CaseStatus,
  facts: CaseFacts,
  action: CaseAction,
  options: { deficientMaterials?: number } = {},
): { status: CaseStatus; facts: CaseFacts } {
  const rule = RULES[action];
  if (!rule.from.includes(status)) throw transitionRefused(status, action, facts);
  const refusal = rule.guard?.(facts);
  if (refusal) throw transitionRefused(status, action, facts, refusal);
  const next = typeof rule.to === 'function' ? rule.to(facts, status) : rule.to;
  const updated: CaseFacts = { ...facts };
  if (action === 'request_correction') updated.corrections += 1;
  if (action === 'request_extension') updated.extensionRequested = true;
  if (action === 'approve_extension') {
    updated.extensions += 1;
    updated.extensionRequested = false;
  }
  if (action === 'decline_extension') updated.extensionRequested = false;
  // A request nobody answered lapses with the decision (or the end) of the case.
  if (!EXTENSION_OPEN.includes(next)) updated.extensionRequested = false;
  if (action === 'suspend') updated.suspendedFrom = status;
  if (action === 'resume') updated.suspendedFrom = null;
  if (action === 'accept_with_deficiency')
    updated.deficientMaterials = Math.max(1, options.deficientMaterials ?? 1);
  if (action === 'supply_material') updated.deficientMaterials -= 1;
  return { status: next, facts: updated };
}

/** Replay a log of actions from a new draft. */
export function replay(actions: readonly CaseAction[]): { status: CaseStatus; facts: CaseFacts } {
  return actions.reduce((state, action) => transition(state.status, state.facts, action), {
    status: 'draft' as CaseStatus,
    facts: INITIAL_FACTS,
  });
}
