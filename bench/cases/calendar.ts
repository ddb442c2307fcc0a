import { performance } from 'node:perf_hooks';
import { WorkingCalendar } from '../../apps/server/src/modules/calendar/calendar.engine.js';
import { SHIPPED_YEARS } from '../../apps/server/src/modules/calendar/calendar.service.js';

const DAY_MS = 86_400_000;
/** Inputs taken in turn: enough that neither loop sees the same few values over and over. */
const INPUTS = 4096;
/** Operations between two looks at the clock. */
const CHUNK = 4096;

/** One in-process loop: operations per second over about `seconds`. */
export interface LoopMeasurement {
  name: string;
  perSecond: number;
  operations: number;
  seconds: number;
}

/** The calendar measurement: deadline computations and the plain date-arithmetic baseline. */
export interface CalendarMeasurement {
  years: number[];
  inputs: number;
  calendar: LoopMeasurement;
  baseline: LoopMeasurement;
}

/**
 * Varied deadline questions: start dates over every day from 2025-01-01 to 2026-10-31 (working
 * days, weekends, holidays, 调休 days), limits of 0 to 40 working days (the result stays in 2026),
 * in a fixed pseudo-random order.
 */
function deadlineInputs(): { from: string[]; days: Int32Array } {
  const first = Date.UTC(2025, 0, 1) / DAY_MS;
  const span = Date.UTC(2026, 9, 31) / DAY_MS - first + 1;
  const from: string[] = [];
  const days = new Int32Array(INPUTS);
  let seed = 20260415;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = 0; i < INPUTS; i += 1) {
    from.push(new Date((first + Math.floor(random() * span)) * DAY_MS).toISOString().slice(0, 10));
    days[i] = Math.floor(random() * 41);
  }
  return { from, days };
}

/** Run `operation(i)` over the inputs for `seconds` (after a short warm-up), counting operations. */
function loop(name: string, seconds: number, operation: (index: number) => string): LoopMeasurement {
  let sink = 0;
  const run = (limitMs: number) => {
    const start = performance.now();
    let operations = 0;
    let elapsed = 0;
    while (elapsed < limitMs) {
      for (let i = 0; i < CHUNK; i += 1) sink += operation((operations + i) % INPUTS).length;
      operations += CHUNK;
      elapsed = performance.now() - start;
    }
    return { operations, elapsed };
  };
  run(Math.min(300, seconds * 250));
  const { operations, elapsed } = run(seconds * 1000);
  // Every result is used, so no engine can drop the work.
  if (sink === 0) throw new Error(`${name}: no results`);
  return { name, perSecond: operations / (elapsed / 1000), operations, seconds: elapsed / 1000 };
}

/**
 * Deadline computations per second in-process with the app's WorkingCalendar (the shipped 2025 and
 * 2026 arrangements): `addWorkingDays(from, n)`, the call behind every due date of the case clocks.
 * Baseline in the same run: the same inputs in calendar days with plain `Date` arithmetic (parse,
 * add, format), which is what the calendar must beat or stay near.
 */
export function measureCalendar(seconds: number): CalendarMeasurement {
  const calendar = new WorkingCalendar(SHIPPED_YEARS);
  const { from, days } = deadlineInputs();
  const baseline = loop('baseline: Date arithmetic in calendar days', seconds, (i) =>
    new Date(Date.parse(from[i] ?? '') + (days[i] ?? 0) * DAY_MS).toISOString().slice(0, 10),
  );
  const measured = loop('WorkingCalendar.addWorkingDays', seconds, (i) =>
    calendar.addWorkingDays(from[i] ?? '', days[i] ?? 0),
  );
  return { years: calendar.knownYears(), inputs: INPUTS, calendar: measured, baseline };
}
