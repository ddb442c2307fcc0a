import type { HttpLoad } from '../lib/http.js';
import { fixed, type HttpRow, milliseconds, table } from '../lib/report.js';
import type { RunEnvironment } from '../lib/run.js';
import type { LoadReport } from './load.js';
import type { SearchSetStats } from './targets.js';

/** One requirement of the issue, judged on this run's figures. */
export interface TargetCheck {
  name: string;
  /** The measured value, in `unit`. */
  value: number;
  unit: 'ms' | 'ratio';
  comparison: '<' | '≥';
  threshold: number;
  pass: boolean;
}

/** Everything one catalogue run measured; written as JSON and printed as text. */
export interface CatalogueReport {
  startedAt: string;
  finishedAt: string;
  environment: RunEnvironment;
  /** Load averages just before the first measured target (after loading the catalogue). */
  loadAverageBeforeMeasuring: number[];
  load: HttpLoad;
  catalogue: {
    /** Published entries asked for (BENCH_CATALOGUE_ENTRIES). */
    entries: number;
    /** Published entries the demo seed brought. */
    seedEntries: number;
    seedSubItemEntries: number;
    generatedEntries: number;
    /** Basic items in the catalogue after loading. */
    basicItems: number;
    /** `select count(*) from catalogue_search` after loading: must equal `entries`. */
    publishedInSearch: number;
    loading: LoadReport;
  };
  search: SearchSetStats;
  /** Bare Fastify first, then the app's targets, each with its ratio to bare. */
  http: HttpRow[];
  targets: TargetCheck[];
  /** What a reader needs beside the targets: the other baseline's ratio, a flattered row. */
  notes: string[];
  /** Anything that makes a figure unsound (errors, non-2xx); a run with problems exits non-zero. */
  problems: string[];
}

const count = (value: number) => value.toLocaleString('en-US');

function loadingLine(loading: LoadReport): string {
  const services = `${count(loading.servicesEntries)} entries created and published through the catalogue services (${loading.servicesSeconds.toFixed(0)} s, ${loading.servicesEntriesPerSecond.toFixed(0)}/s)`;
  const basic = `${count(loading.basicItems)} basic items through createBasicItem`;
  return loading.mode === 'services'
    ? `loaded through the services: ${basic}; ${services}; ${loading.totalSeconds.toFixed(0)} s in all`
    : `loaded by the BULK path: ${basic}; ${services}, one per basic item; ` +
        `${count(loading.clonedEntries)} entries cloned from those in SQL (${loading.cloneSeconds.toFixed(1)} s); ` +
        `vacuum analyze ${loading.vacuumSeconds.toFixed(1)} s; ${loading.totalSeconds.toFixed(0)} s in all`;
}

function checkLine(check: TargetCheck): string {
  const value = check.unit === 'ms' ? `${milliseconds(check.value)} ms` : fixed(check.value, 3);
  const threshold = check.unit === 'ms' ? `${check.threshold} ms` : check.threshold.toFixed(2);
  return `  ${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${value} (target ${check.comparison} ${threshold})`;
}

/** The report as the text printed to stdout. */
export function formatCatalogueReport(report: CatalogueReport): string {
  const { environment: env, load, catalogue, search } = report;
  const averages = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  const lines = [
    `Yiwang catalogue benchmark — ${report.startedAt}`,
    `node ${env.node} on ${env.platform}, ${env.cpus} × ${env.cpuModel}, load average ${averages(env.loadAverage)} ` +
      `at the start, ${averages(report.loadAverageBeforeMeasuring)} before measuring`,
    `${env.postgres.split(' on ')[0]} at ${env.postgresUrl}`,
    `catalogue: ${count(catalogue.publishedInSearch)} published entries in catalogue_search ` +
      `(${count(catalogue.seedEntries)} seed, ${count(catalogue.seedSubItemEntries)} seed 子项, ` +
      `${count(catalogue.generatedEntries)} generated) of ${count(catalogue.basicItems)} basic items`,
    loadingLine(catalogue.loading),
    `search set: ${search.requests} requests (${search.phrases} phrases × plain / region=330106 / region=330100 / ` +
      `330106 + audience); hits per request: median ${count(search.medianTotal)}, max ${count(search.maxTotal)}, ` +
      `${search.withoutHits} without hits`,
    `autocannon: ${load.connections} connections, ${load.seconds} s each after ${load.warmupSeconds} s warm-up ` +
      `(none for never-seen searches and uncached guides), ${load.workers} load worker thread(s)`,
    '',
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '÷ bare', 'responses', 'failed'],
      report.http.map((row) => [
        row.name,
        fixed(row.requestsPerSecond, 0),
        milliseconds(row.latencyP50Ms),
        milliseconds(row.latencyP99Ms),
        milliseconds(row.latencyMaxMs),
        fixed(row.ratioToBare, 3),
        count(row.requests),
        row.errors + row.non2xx === 0 ? '0' : `${row.errors + row.non2xx} !!`,
      ]),
    ),
    '',
    'targets:',
    ...report.targets.map(checkLine),
    ...report.notes.map((note) => `  note: ${note}`),
  ];
  if (report.problems.length > 0)
    lines.push('', 'INVALID RUN:', ...report.problems.map((problem) => `  - ${problem}`));
  return `${lines.join('\n')}\n`;
}
