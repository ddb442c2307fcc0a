import { cpus, loadavg } from 'node:os';
import { redactUrl } from './pg.js';

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
