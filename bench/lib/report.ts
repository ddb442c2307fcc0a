import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpLoad, HttpMeasurement } from './http.js';
import type { PgbenchMeasurement } from './pg.js';

/** One HTTP row: the measurement and its ratios to the baselines of the same run. */
export interface HttpRow extends HttpMeasurement {
  /** requests/s ÷ the bare Fastify route's requests/s. */
  ratioToBare: number;
  /** requests/s ÷ pgbench tps, for rows that use the database. */
  ratioToPgbenchTps: number | undefined;
}

/** Everything one run measured; written as JSON and printed as a table. */
export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    /** 1, 5 and 15-minute load averages at the start: a busy machine explains low figures. */
    loadAverage: number[];
    postgres: string;
    /** The admin URL, password masked. */
    postgresUrl: string;
  };
  load: HttpLoad;
  /** The bare route first, then every registered target in order. */
  http: HttpRow[];
  pgbench: PgbenchMeasurement | undefined;
  /** Anything that makes a figure unsound (errors, non-2xx); a run with problems exits non-zero. */
  problems: string[];
}

/** Attach ratios: to the bare route for every row, to pgbench tps for rows that use the database. */
export function httpRows(
  bare: HttpMeasurement,
  measurements: readonly HttpMeasurement[],
  pgbench: PgbenchMeasurement | undefined,
): HttpRow[] {
  return [bare, ...measurements].map((measurement) => ({
    ...measurement,
    ratioToBare: measurement.requestsPerSecond / bare.requestsPerSecond,
    ratioToPgbenchTps:
      measurement.usesDatabase && pgbench && pgbench.tps > 0
        ? measurement.requestsPerSecond / pgbench.tps
        : undefined,
  }));
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  // The first column is text (left-aligned); the rest are figures (right-aligned).
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The report as the text printed to stdout. */
export function formatReport(report: BenchReport): string {
  const { environment: env, load } = report;
  const lines = [
    `Yiwang benchmark baseline — ${report.startedAt}`,
    `node ${env.node} on ${env.platform}, ${env.cpus} × ${env.cpuModel}, load average ${env.loadAverage
      .map((value) => value.toFixed(2))
      .join(' ')}`,
    `${env.postgres.split(' on ')[0]} at ${env.postgresUrl}`,
    `autocannon: ${load.connections} connections, ${load.seconds} s each after ${load.warmupSeconds} s warm-up, ` +
      `${load.workers} load worker thread(s)`,
    '',
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', '÷ bare', '÷ pgbench tps'],
      report.http.map((row) => [
        row.name,
        fixed(row.requestsPerSecond, 0),
        fixed(row.latencyP50Ms, 1),
        fixed(row.latencyP99Ms, 1),
        fixed(row.ratioToBare, 3),
        fixed(row.ratioToPgbenchTps, 2),
      ]),
    ),
    '',
  ];
  const pgbench = report.pgbench;
  if (pgbench)
    lines.push(
      `pgbench ${pgbench.script} (scale ${pgbench.scale}, ${pgbench.clients} clients, ${pgbench.threads} threads, ` +
        `${pgbench.durationSeconds} s): ${pgbench.tps.toFixed(0)} tps, latency average ` +
        `${fixed(pgbench.latencyAverageMs, 2)} ms, ${pgbench.transactions} transactions`,
    );
  else lines.push('pgbench: not measured');
  const bare = report.http[0];
  if (bare && pgbench)
    lines.push(`bare route req/s ÷ pgbench tps: ${fixed(bare.requestsPerSecond / pgbench.tps, 2)}`);
  return `${lines.join('\n')}\n`;
}

/** A timestamp usable in file and database names: `20250102t030405z`. */
export function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'z')
    .replace(/[-:]/g, '')
    .toLowerCase();
}

/** Write the report to `<dir>/<prefix>-<stamp>.json`; returns the path. */
export async function writeReportJson(report: BenchReport, dir: string, prefix: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${prefix}-${fileStamp(new Date(report.startedAt))}.json`);
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
