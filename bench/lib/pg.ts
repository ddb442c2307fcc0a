import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/** The URL of the same server with another database name; user, password and options kept. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** The server's URL with any password masked, for printing. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Database names made here are plain identifiers, so they can go into DDL unquoted. */
function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a safe database name: ${name}`);
}

async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'yiwang-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The server's version string, e.g. `PostgreSQL 15.20 …`; also proves the server answers. */
export async function serverVersion(adminUrl: string): Promise<string> {
  return withAdminClient(adminUrl, async (client) => {
    const result = await client.query<{ version: string }>('select version() as version');
    return result.rows[0]?.version ?? 'unknown';
  });
}

/** Create an empty database on the server `adminUrl` names; returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  assertIdentifier(name);
  await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
  return withDatabaseName(adminUrl, name);
}

/**
 * Drop a database if it exists, ending any session still on it (a pool not yet closed, a pgbench
 * cut short). `with (force)` needs PostgreSQL 13 or later.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertIdentifier(name);
  await withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}

/** pgbench options: the TPC-B-like default script unless `builtin` names another. */
export interface PgbenchOptions {
  /** The pgbench binary (BENCH_PGBENCH, else `pgbench` on PATH). */
  binary: string;
  /** URL of a database initialised with `initPgbench`. */
  databaseUrl: string;
  clients: number;
  threads: number;
  seconds: number;
  builtin?: 'tpcb-like' | 'simple-update' | 'select-only';
}

/** What pgbench reported. */
export interface PgbenchMeasurement {
  script: string;
  scale: number;
  clients: number;
  threads: number;
  durationSeconds: number;
  /** Transactions per second, without the initial connection time. */
  tps: number;
  transactions: number;
  latencyAverageMs: number | undefined;
  failedTransactions: number;
}

async function pgbench(binary: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync(binary, args, { maxBuffer: 16 * 1024 * 1024 });
    return `${stdout}\n${stderr}`;
  } catch (error) {
    const failed = error as { code?: unknown; stderr?: string; message: string };
    if (failed.code === 'ENOENT')
      throw new Error(`pgbench not found at "${binary}"; install postgresql-client or set BENCH_PGBENCH`);
    throw new Error(`pgbench ${args.join(' ')} failed: ${failed.stderr?.trim() || failed.message}`);
  }
}

/** `pgbench -i`: create and fill the pgbench tables at the given scale (1 = 100,000 accounts). */
export async function initPgbench(binary: string, databaseUrl: string, scale: number): Promise<void> {
  await pgbench(binary, ['-i', '-q', '-s', String(scale), databaseUrl]);
}

function matchNumber(output: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(output);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Run pgbench for a fixed time (`-T`, no vacuum) and parse its summary. */
export async function runPgbench(options: PgbenchOptions): Promise<PgbenchMeasurement> {
  const script = options.builtin ?? 'tpcb-like';
  const output = await pgbench(options.binary, [
    '-n',
    '-b',
    script,
    '-c',
    String(options.clients),
    '-j',
    String(options.threads),
    '-T',
    String(options.seconds),
    options.databaseUrl,
  ]);
  const tps = matchNumber(output, /^tps = ([\d.]+)/m);
  if (tps === undefined) throw new Error(`pgbench printed no "tps = …" line:\n${output}`);
  return {
    script,
    scale: matchNumber(output, /^scaling factor: (\d+)/m) ?? 0,
    clients: options.clients,
    threads: options.threads,
    durationSeconds: options.seconds,
    tps,
    transactions: matchNumber(output, /^number of transactions actually processed: (\d+)/m) ?? 0,
    latencyAverageMs: matchNumber(output, /^latency average = ([\d.]+) ms/m),
    failedTransactions: matchNumber(output, /^number of failed transactions: (\d+)/m) ?? 0,
  };
}
