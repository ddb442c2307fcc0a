import { AppError } from '../../platform/errors.js';
import type { YearArrangementInput } from './calendar.model.js';

/** One year's official arrangement (国务院办公厅 notice): holidays and make-up working days (调休). */
export type YearArrangement = YearArrangementInput;

const DAY_MS = 86_400_000;

/** Days in each month of a common year (February's 29th is checked apart). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * Days since 1970-01-01 of the proleptic Gregorian date y-m-d (H. Hinnant's `days_from_civil`),
 * for a valid date of a year ≥ 0: integer arithmetic instead of a Date per call.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The digit at `index` of `text` (0–9), or -1 for any other character. */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/**
 * Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, nothing else), or NaN if it is not a real
 * calendar date. Years 0000–0099 are refused as `Date.UTC` would misread them as 1900–1999.
 * Parsed by character codes: this is on the path of every deadline computation.
 */
export function dayNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  const y0 = digitAt(date, 0);
  const y1 = digitAt(date, 1);
  const y2 = digitAt(date, 2);
  const y3 = digitAt(date, 3);
  const m0 = digitAt(date, 5);
  const m1 = digitAt(date, 6);
  const d0 = digitAt(date, 8);
  const d1 = digitAt(date, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 100 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
  if (day > monthDays) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/** The ISO date of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 Sunday … 6 Saturday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** A date in a year the calendar does not know: an explicit error, never a guess. */
export const yearUnknown = (year: number, field?: string) =>
  new AppError(
    'CALENDAR_YEAR_UNKNOWN',
    422,
    `工作日历中没有 ${year} 年的节假日安排，请管理员先导入该年度安排`,
    {
      ...(field ? { field } : {}),
      details: { year },
    },
  );

interface DayInfo {
  workday: boolean;
  /** Holiday name, or for a make-up working day the holiday it makes up for. */
  name?: string;
}

/**
 * The working-day calendar (工作日) over the known years, precomputed so that every question is
 * answered in constant time: a sorted array of all working days (and their ISO dates) and, for each
 * day of the known range, how many working days precede it, whether it is one, and whether its year
 * is known. Holidays and 调休 come from the official arrangements; every other Monday–Friday is a
 * working day.
 */
export class WorkingCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly specials = new Map<number, DayInfo>();
  /** First day of the precomputed range (1 January of the first known year). */
  private readonly start: number;
  /** Days in the range. */
  private readonly length: number;
  /** Working days in the range, ascending. */
  private readonly workdays: Int32Array;
  /** The ISO date of each of `workdays`: the answers of `addWorkingDays`, formatted once. */
  private readonly workdayDates: readonly string[];
  /** For day `start + i`: the number of working days strictly before it in the range. */
  private readonly before: Int32Array;
  /** For day `start + i`: 1 if it is a working day of a known year. */
  private readonly isWorkdayAt: Uint8Array;
  /** For day `start + i`: the number of days of unknown years strictly before it in the range. */
  private readonly unknownBefore: Int32Array;

  constructor(arrangements: readonly YearArrangement[]) {
    this.years = new Set(arrangements.map((a) => a.year));
    for (const arrangement of arrangements) {
      for (const holiday of arrangement.holidays) {
        for (let day = dayNumber(holiday.from); day <= dayNumber(holiday.to); day += 1) {
          this.specials.set(day, { workday: false, name: holiday.name });
        }
      }
      for (const makeUp of arrangement.makeUpWorkdays) {
        this.specials.set(dayNumber(makeUp.date), { workday: true, name: makeUp.name });
      }
    }
    const sorted = [...this.years].sort((a, b) => a - b);
    const first = sorted[0] ?? 1970;
    const last = sorted.at(-1) ?? 1969;
    this.start = dayNumber(`${first}-01-01`);
    const end = dayNumber(`${last + 1}-01-01`);
    const length = Math.max(0, end - this.start);
    this.length = length;
    this.before = new Int32Array(length + 1);
    this.isWorkdayAt = new Uint8Array(length);
    this.unknownBefore = new Int32Array(length + 1);
    const workdays: number[] = [];
    let unknown = 0;
    for (let i = 0; i < length; i += 1) {
      this.before[i] = workdays.length;
      this.unknownBefore[i] = unknown;
      const day = this.start + i;
      if (!this.years.has(yearOfDay(day))) unknown += 1;
      else if (this.dayInfo(day).workday) {
        workdays.push(day);
        this.isWorkdayAt[i] = 1;
      }
    }
    this.before[length] = workdays.length;
    this.unknownBefore[length] = unknown;
    this.workdays = Int32Array.from(workdays);
    this.workdayDates = workdays.map(isoDate);
  }

  /** The years this calendar knows. */
  knownYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  private dayInfo(day: number): DayInfo {
    const special = this.specials.get(day);
    if (special) return special;
    const wd = weekday(day);
    return { workday: wd !== 0 && wd !== 6 };
  }

  private assertKnown(day: number, field?: string): void {
    const year = yearOfDay(day);
    if (!this.years.has(year)) throw yearUnknown(year, field);
  }

  /** Every year from one day to another must be known: a gap year is never skipped silently. */
  private assertSpanKnown(from: number, to: number, field?: string): void {
    for (let year = yearOfDay(Math.min(from, to)); year <= yearOfDay(Math.max(from, to)); year += 1) {
      if (!this.years.has(year)) throw yearUnknown(year, field);
    }
  }

  /** Whether a date is a working day, and the holiday or 调休 it belongs to. */
  describe(
    date: string,
    field?: string,
  ): { date: string; workday: boolean; holidayName?: string; makeUpFor?: string } {
    const day = dayNumber(date);
    this.assertKnown(day, field);
    const info = this.dayInfo(day);
    if (!info.name) return { date, workday: info.workday };
    return info.workday
      ? { date, workday: true, makeUpFor: info.name }
      : { date, workday: false, holidayName: info.name };
  }

  isWorkday(date: string): boolean {
    return this.describe(date).workday;
  }

  /**
   * The Nth working day after `from` (`from` itself is not counted: 期间开始之日不计算在内). N = 0
   * gives `from` if it is a working day, else the next working day.
   */
  addWorkingDays(from: string, n: number, field?: string): string {
    const day = dayNumber(from);
    const offset = day - this.start;
    // A day of a known year lies in the range; anything else (NaN too) gets the year's error.
    if (
      !(offset >= 0 && offset < this.length) ||
      this.unknownBefore[offset + 1] !== this.unknownBefore[offset]
    )
      this.assertKnown(day, field);
    const index = this.before[offset] ?? 0;
    // Working days up to and including `from`.
    const through = index + (this.isWorkdayAt[offset] ?? 0);
    const target = n === 0 ? index : through + n - 1;
    const due = this.workdays[target];
    if (due === undefined) throw yearUnknown(yearOfDay(this.workdays.at(-1) ?? day) + 1, field);
    // No year between `from` and the due date may be unknown (a gap year is never skipped).
    const low = Math.min(offset, due - this.start);
    const high = Math.max(offset, due - this.start);
    if (this.unknownBefore[high + 1] !== this.unknownBefore[low]) this.assertSpanKnown(day, due, field);
    return this.workdayDates[target] ?? isoDate(due);
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    const a = dayNumber(from);
    const b = dayNumber(to);
    this.assertSpanKnown(a, b);
    if (b <= a) return 0;
    const through = (day: number) =>
      (this.before[day - this.start] ?? 0) + (this.dayInfo(day).workday ? 1 : 0);
    return through(b) - through(a);
  }

  /** The first working day on or after a date. */
  nextWorkdayOnOrAfter(date: string): string {
    return this.addWorkingDays(date, 0);
  }
}

/** Office hours end (China time, 24 h clock): after this an application counts from the next working day. */
export interface OfficeHours {
  endHour: number;
  endMinute: number;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { endHour: 17, endMinute: 0 };

/**
 * The date from which a time limit is counted for something received at `receivedAt`: the day of
 * receipt if it is a working day and it arrived within office hours; otherwise the next working day
 * (received after hours or on a non-working day = received on the next working day). The limit's
 * first day is the working day after this date.
 */
export function receiptDate(
  calendar: WorkingCalendar,
  receivedAt: Date,
  hours = DEFAULT_OFFICE_HOURS,
): string {
  const china = new Date(receivedAt.getTime() + 8 * 3_600_000);
  const date = china.toISOString().slice(0, 10);
  const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
  const withinHours = minutes < hours.endHour * 60 + hours.endMinute;
  if (calendar.isWorkday(date) && withinHours) return date;
  return calendar.addWorkingDays(date, 1);
}
