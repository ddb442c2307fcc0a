import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { principalHeader } from './app.js';
import {
  CYCLE,
  type CycleRole,
  type CycleWorkerInput,
  type CycleWorkerOutput,
  MAX_WARMUP_SECONDS,
} from './cycle-protocol.js';

const WORKER_ENTRY = new URL('./tsx-worker.mjs', import.meta.url);
const WORKER_MODULE = new URL('./cycle-worker.ts', import.meta.url).href;

/** Latency percentiles of one action or of whole cycles, in milliseconds. */
export interface LatencyRow {
  name: string;
  /** Completed per second over the measured window. */
  perSecond: number;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** What the cycle run measured. */
export interface CycleMeasurement {
  clients: number;
  /** The warm-up as it lasted: until every client had finished one cycle. */
  warmupSeconds: number;
  measuredSeconds: number;
  /** Actions of all kinds answered per second in the window. */
  actionsPerSecond: number;
  /**
   * Whole cycles (accept … complete): per second as actions/s ÷ 6; `count` and the latencies are of
   * the cycles that ended in the window.
   */
  cycles: LatencyRow;
  /** Each action of the cycle. */
  actions: LatencyRow[];
  poolSize: number;
  casesTaken: number;
  exhausted: boolean;
  failures: number;
  failureSamples: string[];
}

/** The staff of the implementing department, one permission each, scoped to that department. */
export function cycleHeaders(departmentId: string): Record<CycleRole, Record<string, string>> {
  const staff = (id: string, permission: string) =>
    principalHeader({
      id,
      kind: 'staff',
      permissions: [permission],
      scope: { departmentIds: [departmentId] },
    });
  return {
    clerk: staff('bench-clerk', 'cases.window'),
    reviewer: staff('bench-reviewer', 'cases.review'),
    approver: staff('bench-approver', 'cases.approve'),
    officer: staff('bench-officer', 'cases.produce'),
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function latencyRow(name: string, values: readonly number[], seconds: number): LatencyRow {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    name,
    perSecond: seconds > 0 ? sorted.length / seconds : 0,
    count: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

/** Take one case through the cycle and fail unless every action answers 200 with the expected status. */
export async function verifyCycle(
  appUrl: string,
  caseId: string,
  headers: Record<CycleRole, Record<string, string>>,
): Promise<void> {
  for (const step of CYCLE) {
    const url = `${appUrl}/api/v1/cases/${caseId}/actions/${step.action}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers[step.role] },
      body: JSON.stringify(step.body),
    });
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 500)}`);
    const status = (JSON.parse(text) as { status?: string }).status;
    if (status !== step.status)
      throw new Error(`POST ${url}: the case is "${status}" after ${step.action}, not "${step.status}"`);
  }
}

/**
 * Run the cycle load in a worker thread: `clients` concurrent clients, each taking submitted cases
 * from the pool one after another through the whole cycle; warm-up until the load is steady (see
 * cycle-worker.ts), then the measured window. Bounded: the worker is stopped 60 s after the window
 * should have ended at the latest.
 */
export async function runCycles(input: CycleWorkerInput): Promise<CycleMeasurement> {
  const worker = new Worker(fileURLToPath(WORKER_ENTRY), { workerData: { module: WORKER_MODULE, input } });
  const output = await new Promise<CycleWorkerOutput>((resolve, reject) => {
    const limit = setTimeout(
      () => {
        void worker.terminate();
        reject(new Error('the cycle worker did not finish in time'));
      },
      (input.warmupSeconds + input.seconds + 2 * MAX_WARMUP_SECONDS + 60) * 1000,
    );
    worker.once('message', (message: CycleWorkerOutput) => {
      clearTimeout(limit);
      resolve(message);
    });
    worker.once('error', (error) => {
      clearTimeout(limit);
      reject(error);
    });
  });
  await worker.terminate();
  const seconds = output.measuredSeconds;
  const answered = Object.values(output.actions).reduce((sum, latencies) => sum + latencies.length, 0);
  return {
    clients: input.clients,
    warmupSeconds: output.warmupSeconds,
    measuredSeconds: seconds,
    actionsPerSecond: seconds > 0 ? answered / seconds : 0,
    // Every client is always in a cycle of 6 actions, so cycles/s in the steady state is actions/s ÷ 6.
    // Counting the cycles that end in the window would be the same on average, but the clients move
    // in step (they queue for the same pool in turn), so whole cycles end in bursts of `clients`.
    cycles: {
      ...latencyRow('cycle', output.cycleLatenciesMs, seconds),
      perSecond: seconds > 0 ? answered / CYCLE.length / seconds : 0,
    },
    actions: CYCLE.map((step) => latencyRow(step.action, output.actions[step.action] ?? [], seconds)),
    poolSize: input.caseIds.length,
    casesTaken: output.casesTaken,
    exhausted: output.exhausted,
    failures: output.failures,
    failureSamples: output.failureSamples,
  };
}
