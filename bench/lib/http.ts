import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** The `setupRequest` module that rotates through a target's `paths` (a file: workers require it). */
const ROTATE_MODULE = fileURLToPath(new URL('./autocannon-rotate.cjs', import.meta.url));

/** How hard and how long each HTTP target is driven. The same for every target of one run. */
export interface HttpLoad {
  /** Measured seconds per target. */
  seconds: number;
  /** Seconds of load before the measured run, discarded (JIT, pools, caches). */
  warmupSeconds: number;
  /** Concurrent keep-alive connections. */
  connections: number;
  /**
   * Worker threads that generate the load. With 1 or more, autocannon runs off the main thread, so
   * the servers under test (which live in this process) have the main event loop to themselves;
   * 0 runs autocannon on the main thread.
   */
  workers: number;
}

/** One HTTP request to measure, sent over and over on every connection. */
export interface HttpTarget {
  /** Row name in the report, e.g. `app GET /healthz`. Unique within a run. */
  name: string;
  /** Absolute URL on a loopback server. */
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /**
   * Whether the route reads or writes the application database: such rows also get a ratio to the
   * pgbench tps of the same run.
   */
  usesDatabase?: boolean;
  /**
   * Checks one response before the load starts and returns a problem, or undefined when it is what
   * the target means to measure (e.g. a list that is not empty). A 2xx status is checked already.
   */
  verify?: (response: { status: number; body: unknown; url: string }) => string | undefined;
  /**
   * Many requests instead of one: paths with their query strings (URL-encoded) on the origin of
   * `url`, taken in turn across all connections, from a random starting point. `url` is then only
   * the server.
   */
  paths?: readonly string[];
  /** How many of `paths` (from the first) to check before the load; all unless given. */
  verifyPaths?: number;
  /** Whether to warm up before the measured run (default true); false keeps caches cold. */
  warmup?: boolean;
}

/** What one target achieved. Latencies in milliseconds. */
export interface HttpMeasurement {
  name: string;
  url: string;
  method: string;
  usesDatabase: boolean;
  /** Mean of the per-second request counts. */
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Responses counted in the measured run. */
  requests: number;
  /** Different requests sent in turn (`paths`), 1 for a single URL. */
  distinctRequests: number;
  durationSeconds: number;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Problems with a measurement that make its figures meaningless; empty when it is sound. */
export function measurementProblems(measurement: HttpMeasurement): string[] {
  const problems: string[] = [];
  if (measurement.errors > 0)
    problems.push(`${measurement.errors} connection error(s), ${measurement.timeouts} timeout(s)`);
  if (measurement.non2xx > 0) problems.push(`${measurement.non2xx} non-2xx response(s)`);
  if (measurement.requests === 0) problems.push('no responses at all');
  return problems;
}

/** The URLs checked before the load: the target's own, or its first `verifyPaths` paths. */
function urlsToVerify(target: HttpTarget): string[] {
  if (!target.paths) return [target.url];
  if (target.paths.length === 0) throw new Error(`${target.name}: paths is empty`);
  const origin = new URL(target.url).origin;
  return target.paths.slice(0, target.verifyPaths ?? target.paths.length).map((path) => `${origin}${path}`);
}

/** Send the target's request(s) once and fail with a clear message unless each succeeds as intended. */
export async function verifyTarget(target: HttpTarget): Promise<void> {
  for (const url of urlsToVerify(target)) {
    const response = await fetch(url, {
      method: target.method ?? 'GET',
      ...(target.headers ? { headers: target.headers } : {}),
      ...(target.body !== undefined ? { body: target.body } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: verify() sees the text.
    }
    if (response.status < 200 || response.status > 299)
      throw new Error(`${target.name}: ${url} answered ${response.status}: ${text.slice(0, 300)}`);
    const problem = target.verify?.({ status: response.status, body, url });
    if (problem) throw new Error(`${target.name}: ${url}: ${problem}`);
  }
}

function autocannonOptions(target: HttpTarget, load: HttpLoad, seconds: number): autocannon.Options {
  // One request that the rotate module points at the next path each time (`rotation` rides along).
  const rotating = { setupRequest: ROTATE_MODULE, path: target.paths?.[0], rotation: target.paths };
  return {
    url: target.url,
    ...(target.paths ? { requests: [rotating] } : {}),
    method: target.method ?? 'GET',
    ...(target.headers ? { headers: target.headers } : {}),
    ...(target.body !== undefined ? { body: target.body } : {}),
    connections: load.connections,
    duration: seconds,
    // Shorter than autocannon's 10 s default so a stalled server shows as timeouts, not a hang.
    timeout: 5,
    ...(load.workers > 0 ? { workers: load.workers } : {}),
  };
}

/**
 * Verify the target, warm it up (not counted), then drive it with autocannon for `load.seconds`.
 * Bounded: it always ends after warm-up plus duration (plus at most the request timeout).
 */
export async function runAutocannon(target: HttpTarget, load: HttpLoad): Promise<HttpMeasurement> {
  await verifyTarget(target);
  if (load.warmupSeconds > 0 && target.warmup !== false)
    await autocannon(autocannonOptions(target, load, load.warmupSeconds));
  const result = await autocannon(autocannonOptions(target, load, load.seconds));
  return {
    name: target.name,
    url: target.url,
    method: target.method ?? 'GET',
    usesDatabase: target.usesDatabase ?? false,
    requestsPerSecond: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    requests: result.requests.total,
    distinctRequests: target.paths?.length ?? 1,
    durationSeconds: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
