/**
 * The cycle load generator, in a worker thread (see cycles.ts) so that it does not share the event
 * loop of the app it measures. Each of `clients` concurrent clients takes the next case of the pool
 * and drives it through the whole cycle, one action after another, then takes the next case.
 *
 * The measured window starts once the load is steady: at least `warmupSeconds` in, and only after
 * every client has finished its first cycle (or `MAX_WARMUP_SECONDS` have passed). Before that, all
 * clients start their first case at once, so no cycle ends for a long while and then many end
 * together; counting from the start would measure that ramp, not the rate. The window lasts
 * `seconds`, or 1.5 times the warm-up when that is longer (at most `MAX_WARMUP_SECONDS`), so that
 * cycles end within it even when one cycle takes longer than `seconds`.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import {
  CYCLE,
  type CycleWorkerInput,
  type CycleWorkerOutput,
  MAX_WARMUP_SECONDS,
} from './cycle-protocol.js';

const input = (workerData as { input: CycleWorkerInput }).input;
const FAILURE_SAMPLES = 5;

/** One keep-alive connection per client, as a browser keeps its connection to the app. */
const agent = new Agent({ keepAlive: true, maxSockets: input.clients });

/**
 * POST a JSON body and read the answer with node:http rather than `fetch`: the load generator shares
 * the machine's two cores with the app and PostgreSQL, and `fetch` took about twice the CPU a request
 * (WHATWG streams), CPU the app under test then lacked.
 */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

async function main(): Promise<CycleWorkerOutput> {
  const start = performance.now();
  let measureFrom = Number.POSITIVE_INFINITY;
  let measureUntil = Number.POSITIVE_INFINITY;
  let clientsWarm = 0;
  const startMeasuringWhenSteady = () => {
    if (measureFrom !== Number.POSITIVE_INFINITY) return;
    const elapsed = (performance.now() - start) / 1000;
    const steady = clientsWarm >= input.clients && elapsed >= input.warmupSeconds;
    if (!steady && elapsed < input.warmupSeconds + MAX_WARMUP_SECONDS) return;
    measureFrom = performance.now();
    // At least half as long again as the first cycles took, so whole cycles end inside the window.
    const window = Math.max(input.seconds, Math.min(MAX_WARMUP_SECONDS, 1.5 * elapsed));
    measureUntil = measureFrom + window * 1000;
  };
  const measuring = (at: number) => at >= measureFrom && at <= measureUntil;
  const actions: Record<string, number[]> = Object.fromEntries(CYCLE.map((step) => [step.action, []]));
  const cycleLatenciesMs: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let next = 0;
  let exhaustedAt: number | undefined;

  const fail = (message: string) => {
    failures += 1;
    if (failureSamples.length < FAILURE_SAMPLES) failureSamples.push(message);
  };

  /** One case through the cycle; whether every action answered 200. Stops at the end of the window. */
  const cycle = async (caseId: string, index: number): Promise<boolean> => {
    for (const step of CYCLE) {
      if (performance.now() > measureUntil) return false;
      const body =
        step.action === 'produce' ? { licenceNumber: `JY${String(index).padStart(12, '0')}` } : step.body;
      const sent = performance.now();
      let status = 0;
      let text = '';
      try {
        // Each action with an Idempotency-Key of its own, as the workbench sends it.
        const headers = {
          'content-type': 'application/json',
          'idempotency-key': `cycle-${caseId}-${step.action}`,
          ...input.headers[step.role],
        };
        const url = `${input.appUrl}/api/v1/cases/${caseId}/actions/${step.action}`;
        ({ status, text } = await post(url, headers, JSON.stringify(body)));
      } catch (error) {
        text = String(error);
      }
      const answered = performance.now();
      startMeasuringWhenSteady();
      if (status !== 200) {
        fail(`${step.action} ${caseId}: ${status || 'connection error'} ${text.slice(0, 300)}`);
        return false;
      }
      if (measuring(answered)) actions[step.action]?.push(answered - sent);
    }
    return true;
  };

  const client = async () => {
    let warm = false;
    while (performance.now() < measureUntil) {
      const index = next;
      next += 1;
      const caseId = input.caseIds[index];
      if (caseId === undefined) {
        exhaustedAt ??= performance.now();
        return;
      }
      const cycleStart = performance.now();
      const completed = await cycle(caseId, index);
      const end = performance.now();
      if (completed && measuring(end)) cycleLatenciesMs.push(end - cycleStart);
      if (!warm) {
        warm = true;
        clientsWarm += 1;
        startMeasuringWhenSteady();
      }
    }
  };

  await Promise.all(Array.from({ length: input.clients }, client));
  agent.destroy();
  const measuredUntil = Math.min(measureUntil, exhaustedAt ?? measureUntil);
  const measuredSeconds = Number.isFinite(measureFrom) ? Math.max(0, measuredUntil - measureFrom) / 1000 : 0;
  return {
    warmupSeconds: ((Number.isFinite(measureFrom) ? measureFrom : performance.now()) - start) / 1000,
    cycles: cycleLatenciesMs.length,
    measuredSeconds,
    cycleLatenciesMs,
    actions,
    failures,
    failureSamples,
    casesTaken: Math.min(next, input.caseIds.length),
    exhausted: exhaustedAt !== undefined,
  };
}

// A rejection is unhandled here, so it ends the worker with an 'error' event that cycles.ts reports.
void main().then((output) => parentPort?.postMessage(output));
