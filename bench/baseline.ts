import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { platformBenchmark } from './benchmarks/platform.js';
import type { BenchContext, Benchmark } from './lib/benchmark.js';
import { type HttpLoad, type HttpMeasurement, measurementProblems, runAutocannon } from './lib/http.js';
import {
  createDatabase,
  dropDatabase,
  initPgbench,
  type PgbenchMeasurement,
  redactUrl,
  runPgbench,
  serverVersion,
} from './lib/pg.js';
import { type BenchReport, fileStamp, formatReport, httpRows, writeReportJson } from './lib/report.js';
import { startApp, startBareServer } from './lib/servers.js';

/**
 * The benchmarks measured after the baselines, in order. Later issues append theirs here (see
 * `Benchmark` in lib/benchmark.ts and bench/README.md).
 */
const benchmarks: readonly Benchmark[] = [platformBenchmark];

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

/** pgbench's TPC-B run: small and fixed, so its tps is a yardstick for the server, not a tuning. */
const PGBENCH = { scale: 1, clients: 4, threads: 2 } as const;

interface Settings {
  adminUrl: string;
  load: HttpLoad;
  pgbenchBinary: string;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum)
    throw new Error(`${name}: expected an integer ≥ ${minimum}, got "${raw}"`);
  return value;
}

/** The knobs, all from the environment; see bench/README.md. */
function readSettings(env: NodeJS.ProcessEnv): Settings {
  return {
    adminUrl: env.BENCH_DATABASE_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    load: {
      seconds: positiveNumber(env, 'BENCH_SECONDS', 5),
      warmupSeconds: positiveNumber(env, 'BENCH_WARMUP_SECONDS', 1, 0),
      connections: positiveNumber(env, 'BENCH_CONNECTIONS', 10),
      workers: positiveNumber(env, 'BENCH_WORKERS', 1, 0),
    },
    pgbenchBinary: env.BENCH_PGBENCH || 'pgbench',
  };
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/**
 * Clean-ups run last-registered first, each once, each even if an earlier one failed; the run's
 * databases are dropped here, so they go on failure and on Ctrl-C too.
 */
class Cleanup {
  readonly #steps: { label: string; run: () => Promise<void> }[] = [];
  #running: Promise<void> | undefined;

  add(label: string, run: () => Promise<void>): void {
    this.#steps.push({ label, run });
  }

  runAll(): Promise<void> {
    this.#running ??= (async () => {
      for (const step of [...this.#steps].reverse()) {
        try {
          await step.run();
        } catch (error) {
          progress(`clean-up "${step.label}" failed: ${String(error)}`);
        }
      }
    })();
    return this.#running;
  }
}

async function measure(name: string, run: () => Promise<HttpMeasurement>): Promise<HttpMeasurement> {
  progress(`measuring ${name}`);
  const measurement = await run();
  const problems = measurementProblems(measurement);
  if (problems.length > 0) progress(`!! ${name}: ${problems.join('; ')}`);
  return measurement;
}

async function run(settings: Settings, cleanup: Cleanup): Promise<BenchReport> {
  const startedAt = new Date();
  const { adminUrl, load } = settings;
  let postgres: string;
  try {
    postgres = await serverVersion(adminUrl);
  } catch (error) {
    throw new Error(`the PostgreSQL server at ${redactUrl(adminUrl)} does not answer: ${String(error)}`);
  }
  const stamp = `${fileStamp(startedAt)}_${process.pid}`;
  const appDatabase = `yiwang_bench_${stamp}`;
  const pgbenchDatabase = `yiwang_pgbench_${stamp}`;

  progress(`creating ${appDatabase} and ${pgbenchDatabase} on ${redactUrl(adminUrl)}`);
  // Registered before creating, so a half-made run is still dropped (`if exists`).
  cleanup.add(`drop ${appDatabase}`, () => dropDatabase(adminUrl, appDatabase));
  const appDatabaseUrl = await createDatabase(adminUrl, appDatabase);
  cleanup.add(`drop ${pgbenchDatabase}`, () => dropDatabase(adminUrl, pgbenchDatabase));
  const pgbenchDatabaseUrl = await createDatabase(adminUrl, pgbenchDatabase);

  const bare = await startBareServer();
  cleanup.add('close the bare server', bare.close);
  progress('starting the app (migrations, demo organisation)');
  const app = await startApp(appDatabaseUrl);
  cleanup.add('close the app', app.close);

  const context: BenchContext = {
    appUrl: app.url,
    app: app.app,
    load,
    defer: (step) => cleanup.add('benchmark clean-up', step),
  };
  const targets = [];
  for (const benchmark of benchmarks) targets.push(...(await benchmark.targets(context)));
  const names = new Set<string>(['bare Fastify GET /']);
  for (const target of targets) {
    if (names.has(target.name)) throw new Error(`two targets are named "${target.name}"`);
    names.add(target.name);
  }

  const bareMeasurement = await measure('bare Fastify GET /', () =>
    runAutocannon({ name: 'bare Fastify GET /', url: `${bare.url}/` }, load),
  );
  const measurements: HttpMeasurement[] = [];
  for (const target of targets)
    measurements.push(await measure(target.name, () => runAutocannon(target, load)));

  progress(`pgbench -i -s ${PGBENCH.scale}, then ${load.seconds} s of TPC-B`);
  await initPgbench(settings.pgbenchBinary, pgbenchDatabaseUrl, PGBENCH.scale);
  const pgbench: PgbenchMeasurement = await runPgbench({
    binary: settings.pgbenchBinary,
    databaseUrl: pgbenchDatabaseUrl,
    clients: PGBENCH.clients,
    threads: PGBENCH.threads,
    seconds: load.seconds,
  });

  const problems: string[] = [];
  for (const measurement of [bareMeasurement, ...measurements])
    for (const problem of measurementProblems(measurement)) problems.push(`${measurement.name}: ${problem}`);
  if (pgbench.failedTransactions > 0)
    problems.push(`pgbench: ${pgbench.failedTransactions} failed transaction(s)`);

  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      loadAverage: loadavg(),
      postgres,
      postgresUrl: redactUrl(adminUrl),
    },
    load,
    http: httpRows(bareMeasurement, measurements, pgbench),
    pgbench,
    problems,
  };
}

/** `npm run bench:baseline`: exit 0 when every figure is sound, 1 when any is not, 2 on failure. */
async function main(): Promise<number> {
  const settings = readSettings(process.env);
  const cleanup = new Cleanup();
  const interrupt = (signal: NodeJS.Signals) => {
    progress(`${signal}: cleaning up`);
    void cleanup.runAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  let report: BenchReport;
  try {
    report = await run(settings, cleanup);
  } finally {
    await cleanup.runAll();
  }
  process.stdout.write(formatReport(report));
  const path = await writeReportJson(report, resultsDir, 'baseline');
  process.stdout.write(`\nwritten to ${path}\n`);
  if (report.problems.length === 0) return 0;
  process.stderr.write(
    `\n!!!!!!!! BENCHMARK INVALID: ${report.problems.length} problem(s) !!!!!!!!\n` +
      `${report.problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
      'Figures with errors or non-2xx responses measure failures, not the service.\n',
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
