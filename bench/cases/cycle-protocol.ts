/** The roles of the cycle, each a staff member of the implementing department with one permission. */
export type CycleRole = 'clerk' | 'reviewer' | 'approver' | 'officer';

/**
 * One full cycle after submission, one action per process step, as the e2e test takes them: 受理,
 * 审查, 决定, 制证, 送达 at the window, 办结. Each answers 200 with the case in `status`.
 */
export const CYCLE: readonly {
  action: string;
  role: CycleRole;
  body: Record<string, unknown>;
  status: string;
}[] = [
  { action: 'accept', role: 'clerk', body: {}, status: 'accepted' },
  {
    action: 'review',
    role: 'reviewer',
    body: { opinion: 'approve', comment: '材料齐全，符合条件' },
    status: 'under_review',
  },
  { action: 'approve', role: 'approver', body: { content: '准予许可' }, status: 'approved' },
  // The licence number is made per case by the worker.
  { action: 'produce', role: 'officer', body: { licenceNumber: 'JY000000000000' }, status: 'produced' },
  { action: 'deliver', role: 'officer', body: { method: 'window' }, status: 'delivered' },
  { action: 'complete', role: 'officer', body: {}, status: 'completed' },
];

/** The longest warm-up beyond `warmupSeconds` while waiting for every client to finish a cycle. */
export const MAX_WARMUP_SECONDS = 60;

/** What the worker is given (structured-cloned). */
export interface CycleWorkerInput {
  appUrl: string;
  /** Submitted cases, each taken by one client for one cycle. */
  caseIds: string[];
  /** The headers that authenticate each role. */
  headers: Record<CycleRole, Record<string, string>>;
  clients: number;
  /** The shortest warm-up; it lasts until every client has finished one cycle. */
  warmupSeconds: number;
  seconds: number;
}

/** What the worker measured. Latencies in milliseconds. */
export interface CycleWorkerOutput {
  /** How long the warm-up lasted. */
  warmupSeconds: number;
  /** Cycles whose last action was answered within the measured window. */
  cycles: number;
  /** The measured window: `seconds`, or less (even 0) when the pool ran out. */
  measuredSeconds: number;
  cycleLatenciesMs: number[];
  /** Latencies of the actions answered within the measured window, by action. */
  actions: Record<string, number[]>;
  /** Non-200 answers and connection errors, warm-up included; the case is then left. */
  failures: number;
  failureSamples: string[];
  casesTaken: number;
  /** The pool ran out before the end: the figures are then short of a full window. */
  exhausted: boolean;
}
