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
import { type BenchReport, fileStamp, formatReport, httpRows } from './lib/report.js';
import {
  adminUrlSetting,
  type Cleanup,
  exitWith,
  integerSetting,
  progress,
  runBenchmark,
  runEnvironment,
} from './lib/run.js';
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

/** The knobs, all from the environment; see bench/README.md. */
function readSettings(env: NodeJS.ProcessEnv): Settings {
  return {
    adminUrl: adminUrlSetting(env),
    load: {
      seconds: integerSetting(env, 'BENCH_SECONDS', 5),
      warmupSeconds: integerSetting(env, 'BENCH_WARMUP_SECONDS', 1, 0),
      connections: integerSetting(env, 'BENCH_CONNECTIONS', 10),
      workers: integerSetting(env, 'BENCH_WORKERS', 1, 0),
    },
    pgbenchBinary: env.BENCH_PGBENCH || 'pgbench',
  };
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
    environment: runEnvironment(postgres, adminUrl),
    load,
    http: httpRows(bareMeasurement, measurements, pgbench),
    pgbench,
    problems,
  };
}

/** `npm run bench:baseline`: exit 0 when every figure is sound, 1 when any is not, 2 on failure. */
function main(): Promise<number> {
  const settings = readSettings(process.env);
  return runBenchmark({
    name: 'baseline',
    resultsDir,
    run: (cleanup) => run(settings, cleanup),
    format: formatReport,
  });
}

exitWith(main);
