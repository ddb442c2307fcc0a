import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpLoad, HttpMeasurement } from './http.js';
import type { PgbenchMeasurement } from './pg.js';
import type { RunEnvironment } from './run.js';

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
  environment: RunEnvironment;
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

export function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** autocannon records latency in whole milliseconds, so 0 means under one. */
export function milliseconds(value: number): string {
  return value === 0 ? '<1' : value.toFixed(0);
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** A plain-text table: the first column left-aligned, the figures right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  // The first column is text (left-aligned); the rest are figures (right-aligned).
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => pad(cell, widths[column] ?? 0, column === 0 ? 'left' : 'right')).join('  ');
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
      ['target', 'req/s', 'p50 ms', 'p99 ms', '÷ bare', '÷ pgbench tps', 'failed'],
      report.http.map((row) => [
        row.name,
        fixed(row.requestsPerSecond, 0),
        milliseconds(row.latencyP50Ms),
        milliseconds(row.latencyP99Ms),
        fixed(row.ratioToBare, 3),
        fixed(row.ratioToPgbenchTps, 2),
        // Connection errors plus non-2xx responses: anything but 0 makes the row meaningless.
        row.errors + row.non2xx === 0 ? '0' : `${row.errors + row.non2xx} !!`,
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
  if (report.problems.length > 0)
    lines.push('', 'INVALID RUN:', ...report.problems.map((problem) => `  - ${problem}`));
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
export async function writeReportJson(
  report: { startedAt: string },
  dir: string,
  prefix: string,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${prefix}-${fileStamp(new Date(report.startedAt))}.json`);
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
