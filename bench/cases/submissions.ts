import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { HttpLoad, HttpMeasurement } from '../lib/http.js';

/** The `setupRequest` module giving each request its application and a new Idempotency-Key. */
const SUBMIT_MODULE = fileURLToPath(new URL('./autocannon-submit.cjs', import.meta.url));

/** What the submission run measured, with the status codes autocannon counted. */
export interface SubmissionMeasurement extends HttpMeasurement {
  /** Responses by status code in the measured run: all must be 201 (a 200 would be a replay). */
  statusCodes: Record<string, number>;
}

/** One application: its applicant's headers and the JSON body. */
export interface Application {
  headers: Record<string, string>;
  body: string;
}

function options(url: string, applications: readonly Application[], load: HttpLoad, seconds: number) {
  const path = new URL(url).pathname;
  return {
    url,
    method: 'POST' as const,
    // `applications` rides along on the request for the setup module, as `rotation` does in lib/http.ts.
    requests: [{ method: 'POST' as const, path, setupRequest: SUBMIT_MODULE, applications }],
    connections: load.connections,
    duration: seconds,
    // Longer than lib/http.ts's 5 s: at 64 connections requests queue for the app's pool, and a slow
    // answer is a latency figure (a missed target), not a failure that voids the run.
    timeout: 30,
    ...(load.workers > 0 ? { workers: load.workers } : {}),
  };
}

/** Send one application with a new key and fail unless it is a 201 with a submitted case. */
export async function verifySubmission(url: string, application: Application): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...application.headers, 'idempotency-key': `bench-verify-${Date.now()}` },
    body: application.body,
  });
  const text = await response.text();
  if (response.status !== 201)
    throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  const body = JSON.parse(text) as { status?: string };
  if (body.status !== 'submitted')
    throw new Error(`POST ${url}: the case is "${body.status}", not "submitted": ${text.slice(0, 300)}`);
}

/**
 * Drive `POST /api/v1/cases` with autocannon: every request a new application (applicants taken in
 * turn, a unique Idempotency-Key each), a warm-up first (also creating cases), then the measured run.
 */
export async function runSubmissions(
  name: string,
  url: string,
  applications: readonly Application[],
  load: HttpLoad,
): Promise<SubmissionMeasurement> {
  const [first] = applications;
  if (!first) throw new Error('no applications to submit');
  await verifySubmission(url, first);
  if (load.warmupSeconds > 0) await autocannon(options(url, applications, load, load.warmupSeconds));
  const result = await autocannon(options(url, applications, load, load.seconds));
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stats.count ?? 0;
  return {
    name,
    url,
    method: 'POST',
    usesDatabase: true,
    requestsPerSecond: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    requests: result.requests.total,
    distinctRequests: applications.length,
    durationSeconds: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}
