import { cpus, loadavg } from 'node:os';
import { redactUrl } from './pg.js';
import { writeReportJson } from './report.js';

/** Progress goes to stderr, so stdout carries only the report. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** An integer setting from the environment, at least `minimum`; `fallback` when unset. */
export function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum)
    throw new Error(`${name}: expected an integer ≥ ${minimum}, got "${raw}"`);
  return value;
}

/** The admin URL of the PostgreSQL server: BENCH_DATABASE_URL, else DATABASE_URL, else local. */
export function adminUrlSetting(env: NodeJS.ProcessEnv): string {
  return env.BENCH_DATABASE_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * Clean-ups run last-registered first, each once, each even if an earlier one failed; a run's
 * databases are dropped here, so they go on failure and on Ctrl-C too.
 */
export class Cleanup {
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

/** On SIGINT or SIGTERM: run the clean-ups, then exit 130. */
export function cleanUpOnSignals(cleanup: Cleanup): void {
  const interrupt = (signal: NodeJS.Signals) => {
    progress(`${signal}: cleaning up`);
    void cleanup.runAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
}

/** The machine and server a run measured on. */
export interface RunEnvironment {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  /** 1, 5 and 15-minute load averages at the start: a busy machine explains low figures. */
  loadAverage: number[];
  postgres: string;
  /** The admin URL, password masked. */
  postgresUrl: string;
}

export function runEnvironment(postgres: string, adminUrl: string): RunEnvironment {
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    loadAverage: loadavg(),
    postgres,
    postgresUrl: redactUrl(adminUrl),
  };
}

/** Exit with the code `main` resolves to; 2 and the stack when it throws. */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}

/**
 * The life of one benchmark command: run it with clean-up on exit and on signals, print its report,
 * write the JSON, and return the exit code — 0 when every figure is sound, 1 when any request failed.
 * `afterReport` may add remarks (a missed target) without changing the code.
 */
export async function runBenchmark<R extends { problems: string[]; startedAt: string }>(options: {
  name: string;
  resultsDir: string;
  run: (cleanup: Cleanup) => Promise<R>;
  format: (report: R) => string;
  afterReport?: (report: R) => void;
}): Promise<number> {
  const cleanup = new Cleanup();
  cleanUpOnSignals(cleanup);
  let report: R;
  try {
    report = await options.run(cleanup);
  } finally {
    await cleanup.runAll();
  }
  process.stdout.write(options.format(report));
  const path = await writeReportJson(report, options.resultsDir, options.name);
  process.stdout.write(`\nwritten to ${path}\n`);
  options.afterReport?.(report);
  if (report.problems.length === 0) return 0;
  process.stderr.write(
    `\n!!!!!!!! BENCHMARK INVALID: ${report.problems.length} problem(s) !!!!!!!!\n` +
      `${report.problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
      'Figures with errors or non-2xx responses measure failures, not the service.\n',
  );
  return 1;
}
