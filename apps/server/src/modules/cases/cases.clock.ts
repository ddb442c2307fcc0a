import type { WorkingCalendar } from '../calendar/calendar.engine.js';

/**
 * The statutory clocks of a case (行政许可法 第32, 42, 44, 45条), in working days. Pure functions of
 * the calendar and the dates the case records, so a deadline is always recomputed the same way:
 *
 * - a limit of N working days counted from day D ends on the Nth working day after D (the day of
 *   the event itself is not counted);
 * - a suspension (特别程序) begun on day S and ended on day R does not count the working days after S
 *   up to and including R: S itself was a day of handling, and handling resumes the day after R;
 * - the one extension adds 10 working days, 15 for joint handling (第42条).
 */

export interface ClockInput {
  acceptedOn: string;
  /** null: 即办 (no running limit). */
  legalLimitDays: number | null;
  promisedLimitDays: number | null;
  extensionDays: number;
  pausedDays: number;
}

export interface Dues {
  legalDue: string | null;
  promisedDue: string | null;
}

/** Both due dates of a case from its acceptance date, limits, extension and finished suspensions. */
export function dueDates(calendar: WorkingCalendar, clock: ClockInput): Dues {
  const due = (limit: number | null) =>
    limit === null
      ? null
      : calendar.addWorkingDays(clock.acceptedOn, limit + clock.extensionDays + clock.pausedDays);
  return { legalDue: due(clock.legalLimitDays), promisedDue: due(clock.promisedLimitDays) };
}

/** Working days a suspension from `suspendedOn` to `resumedOn` takes off the clock. */
export function pausedWorkingDays(calendar: WorkingCalendar, suspendedOn: string, resumedOn: string): number {
  return calendar.workingDaysBetween(suspendedOn, resumedOn);
}

/**
 * Working days left until `due` as of `today`: 0 on the due day, negative once overdue (the number
 * of working days past it).
 */
export function remainingWorkingDays(calendar: WorkingCalendar, today: string, due: string): number {
  if (today <= due) return calendar.workingDaysBetween(today, due);
  return -calendar.workingDaysBetween(due, today);
}

export type WarningLevel = 'none' | 'yellow' | 'red';

/**
 * The last due date with at most `yellowAt` working days left as of `today`: a case due on or before
 * it is yellow (or red). Lets a scan over many cases compare dates in SQL instead of counting
 * working days per case. With 0, that is today itself: `addWorkingDays(today, 0)` would give the next
 * working day when today is not one, a day that still has one working day left.
 */
export function yellowThrough(calendar: WorkingCalendar, today: string, yellowAt: number): string {
  return yellowAt === 0 ? today : calendar.addWorkingDays(today, yellowAt);
}

/**
 * A day's warning bands: due dates before `today` are red (overdue), due dates from `today` through
 * `yellowThrough` yellow (due soon), later ones none. What the warning level of a case, its queue
 * (即将超期, 已超期) and the warning scan all read, so they agree.
 */
export interface WarningBands {
  today: string;
  yellowThrough: string;
}

export function warningBands(calendar: WorkingCalendar, today: string, yellowAt: number): WarningBands {
  return { today, yellowThrough: yellowThrough(calendar, today, yellowAt) };
}

/**
 * The level of a running case's due date in a day's bands: yellow when at most `yellowAt` working
 * days remain, red once the due day has passed; none when the clock is not running.
 */
export function levelOn(bands: WarningBands, due: string | null): WarningLevel {
  if (due === null) return 'none';
  if (due < bands.today) return 'red';
  return due <= bands.yellowThrough ? 'yellow' : 'none';
}
