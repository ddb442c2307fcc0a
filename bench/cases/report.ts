import type { HttpLoad } from '../lib/http.js';
import type { PgbenchMeasurement } from '../lib/pg.js';
import { fixed, milliseconds, table } from '../lib/report.js';
import type { RunEnvironment } from '../lib/run.js';
import type { CalendarMeasurement } from './calendar.js';
import type { CycleMeasurement } from './cycles.js';
import type { CaseItem } from './item.js';
import type { ScanKind, ScanMeasurement } from './scan.js';
import type { SubmissionMeasurement } from './submissions.js';

/** One requirement of the issue, judged on this run's figures. */
export interface TargetCheck {
  name: string;
  value: number;
  unit: 'ms' | 's' | 'ratio' | '/s';
  comparison: '<' | '≥';
  threshold: number;
  pass: boolean;
}

/** Everything one cases run measured; written as JSON and printed as text. */
export interface CasesReport {
  startedAt: string;
  finishedAt: string;
  environment: RunEnvironment;
  /** Load averages just before the first HTTP measurement. */
  loadAverageBeforeMeasuring: number[];
  load: HttpLoad;
  /** The case engine's fixed clock (ISO instant). */
  clock: string;
  /** The app's PostgreSQL pool size. */
  databasePoolSize: number;
  item: Omit<CaseItem, 'form'> & { requiredFields: string[] };
  submissions: SubmissionMeasurement & {
    ratioToPgbenchTps: number;
    /** Cases in the database after the submission runs (warm-up, verification and stragglers included). */
    casesAfter: number;
  };
  cycles: CycleMeasurement & { ratioToPgbenchTps: number; completedAfter: number };
  pgbench: PgbenchMeasurement;
  warningScan: ScanMeasurement;
  calendar: CalendarMeasurement & { ratioToBaseline: number };
  targets: TargetCheck[];
  notes: string[];
  problems: string[];
}

const count = (value: number) => value.toLocaleString('en-US');

/** What each warning-scan run is, as the report names it. */
export const SCAN_RUN_LABELS: Record<ScanKind, string> = {
  first: 'first scan, every level raised from none',
  repeat: 'repeat the same day, nothing to change',
  next_working_day: 'next working day, the cases crossing that day',
};
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

function checkLine(check: TargetCheck): string {
  const show = (value: number) => {
    switch (check.unit) {
      case 'ms':
        return `${milliseconds(value)} ms`;
      case 's':
        return `${value.toFixed(3)} s`;
      case '/s':
        return `${count(Math.round(value))}/s`;
      default:
        return fixed(value, 2);
    }
  };
  return `  ${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${show(check.value)} (target ${check.comparison} ${show(check.threshold)})`;
}

/** The report as the text printed to stdout. */
export function formatCasesReport(report: CasesReport): string {
  const { environment: env, load, submissions: sub, cycles, pgbench, warningScan: scan, calendar } = report;
  const averages = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  const failed = (n: number) => (n === 0 ? '0' : `${n} !!`);
  const lines = [
    `Yiwang case engine benchmark — ${report.startedAt}`,
    `node ${env.node} on ${env.platform}, ${env.cpus} × ${env.cpuModel}, load average ${averages(env.loadAverage)} ` +
      `at the start, ${averages(report.loadAverageBeforeMeasuring)} before measuring`,
    `${env.postgres.split(' on ')[0]} at ${env.postgresUrl}; app pool ${report.databasePoolSize} connections`,
    `item: ${report.item.name} (${report.item.implementationCode}), ${report.item.departmentName}, online depth ` +
      `${report.item.onlineDepth}, promised ${report.item.promisedWorkingDays} working days; ` +
      `process ${report.item.steps.join(' → ')}`,
    `case clock fixed at ${report.clock}; ${load.connections} connections / clients, ${load.seconds} s each after ` +
      `${load.warmupSeconds} s warm-up, load generated in worker threads`,
    '',
    table(
      ['HTTP, PostgreSQL', 'per s', 'p50 ms', 'p99 ms', 'max ms', 'count', '÷ pgbench tps', 'failed'],
      [
        [
          'submit POST /api/v1/cases (Idempotency-Key, audit, outbox)',
          fixed(sub.requestsPerSecond, 0),
          milliseconds(sub.latencyP50Ms),
          milliseconds(sub.latencyP99Ms),
          milliseconds(sub.latencyMaxMs),
          count(sub.requests),
          fixed(sub.ratioToPgbenchTps, 3),
          failed(sub.errors + sub.non2xx),
        ],
        [
          'cycle accept → review → approve → produce → deliver → complete (per s: actions/s ÷ 6)',
          fixed(cycles.cycles.perSecond, 1),
          ms(cycles.cycles.p50Ms),
          ms(cycles.cycles.p99Ms),
          ms(cycles.cycles.maxMs),
          count(cycles.cycles.count),
          fixed(cycles.ratioToPgbenchTps, 3),
          failed(cycles.failures),
        ],
        ...cycles.actions.map((row) => [
          `  POST /api/v1/cases/{id}/actions/${row.name}`,
          fixed(row.perSecond, 1),
          ms(row.p50Ms),
          ms(row.p99Ms),
          ms(row.maxMs),
          count(row.count),
          '',
          '',
        ]),
        [
          `pgbench ${pgbench.script} (scale ${pgbench.scale}, ${pgbench.clients} clients, ${pgbench.threads} threads)`,
          fixed(pgbench.tps, 0),
          '',
          '',
          '',
          count(pgbench.transactions),
          '1',
          failed(pgbench.failedTransactions),
        ],
      ],
    ),
    `submissions: status codes ${JSON.stringify(sub.statusCodes)}, ${count(sub.casesAfter)} cases in the database ` +
      `afterwards; cycles: ${cycles.clients} clients over ${cycles.measuredSeconds.toFixed(1)} s after a ` +
      `${cycles.warmupSeconds.toFixed(1)} s warm-up (until every client had finished a cycle), ` +
      `${fixed(cycles.actionsPerSecond, 1)} actions/s, ` +
      `${count(cycles.cycles.count)} whole cycles ended in the window, ${count(cycles.casesTaken)} of a pool of ${count(cycles.poolSize)} submitted cases taken, ` +
      `${count(report.cycles.completedAfter)} completed in the database afterwards (latencies: autocannon's whole ` +
      'ms for submissions, performance.now() for cycles)',
    '',
    table(
      [
        `warning scan, ${count(scan.openCases)} open cases`,
        'today',
        'yellow through',
        'seconds',
        'rows changed',
        '÷ count(*)',
      ],
      [
        ['baseline: select count(*) from cases', '', '', scan.countSeconds.toFixed(3), '', '1'],
        ...scan.runs.map((run) => [
          `raiseWarnings: ${SCAN_RUN_LABELS[run.kind]}${run.judged ? '' : ' (not judged)'}`,
          run.today,
          run.yellowThrough,
          run.seconds.toFixed(3),
          count(run.changed),
          fixed(run.seconds / scan.countSeconds, 1),
        ]),
      ],
    ),
    `yellow at ${scan.yellowAt} working days or fewer left; ${count(scan.suspendedCases)} of the cases ` +
      `suspended; levels afterwards ${JSON.stringify(scan.levels)}, ${count(scan.warningRecords)} warning ` +
      `records, ${count(scan.mismatched)} running cases at a level their due date contradicts (full ` +
      `recount); loaded in ${scan.loadSeconds.toFixed(0)} s, vacuum analyze ${scan.vacuumSeconds.toFixed(1)} s`,
    'the first scan is the one-off of a deployment (every level raised from none at once); the scan runs ' +
      'every 30 minutes after that, so the target is judged on the repeat and on the next working day, ' +
      `after vacuum (analyze)${scan.checkpointed ? ' and a checkpoint' : ''} (${scan.settleSeconds.toFixed(1)} s) ` +
      `stand in for autovacuum${scan.checkpointed ? ' and the checkpointer' : ''} between the two` +
      (scan.checkpointed ? '' : ' (checkpoint refused: not a superuser or pg_checkpoint)'),
    '',
    table(
      ['in-process, one thread', 'per s', '÷ baseline'],
      [
        [
          calendar.calendar.name,
          count(Math.round(calendar.calendar.perSecond)),
          fixed(calendar.ratioToBaseline, 2),
        ],
        [calendar.baseline.name, count(Math.round(calendar.baseline.perSecond)), '1'],
      ],
    ),
    `calendar years ${calendar.years.join(', ')}; ${count(calendar.inputs)} different (date, working days) ` +
      `questions in turn, ${calendar.calendar.seconds.toFixed(1)} s each`,
    '',
    'targets (a missed target does not change the exit code):',
    ...report.targets.map(checkLine),
  ];
  if (report.notes.length > 0) lines.push('', ...report.notes.map((note) => `note: ${note}`));
  if (report.problems.length > 0)
    lines.push('', 'INVALID RUN:', ...report.problems.map((problem) => `  - ${problem}`));
  return `${lines.join('\n')}\n`;
}
