import type { FastifyInstance } from 'fastify';
import type { HttpLoad, HttpTarget } from './http.js';

/** What a benchmark is given: the running app of this run, on its own fresh database. */
export interface BenchContext {
  /** Base URL of the Yiwang app under test, without a trailing slash: `http://127.0.0.1:41234`. */
  appUrl: string;
  /**
   * The app itself, for setting up what the targets need (`app.database.db` to insert rows,
   * `app.inject()` to sign in). Its database is created for this run and dropped afterwards.
   */
  app: FastifyInstance;
  /** The load every target will get, e.g. to size the data a write benchmark prepares. */
  load: HttpLoad;
  /** Register clean-up (a server the benchmark started, a file); runs at the end, even on failure. */
  defer(cleanup: () => Promise<void>): void;
}

/**
 * A group of HTTP targets added to the baseline run. To add one: write `bench/benchmarks/<area>.ts`
 * exporting a `Benchmark`, and append it to the `benchmarks` list in `bench/baseline.ts`. Each target
 * is then measured after the baselines, under the same load, and reported as a ratio to the bare
 * Fastify route (and to pgbench tps when `usesDatabase` is set) of the same run.
 *
 * @example
 * export const casesBenchmark: Benchmark = {
 *   name: 'cases',
 *   description: '办件: submit and list cases',
 *   async targets({ appUrl }) {
 *     return [{ name: 'app GET /api/v1/cases', url: `${appUrl}/api/v1/cases`, usesDatabase: true }];
 *   },
 * };
 */
export interface Benchmark {
  /** Short name, shown while the run progresses. */
  name: string;
  /** One line on what it measures and why. */
  description: string;
  /** Prepare whatever the targets need, then return them in the order to measure. */
  targets(context: BenchContext): Promise<readonly HttpTarget[]>;
}
