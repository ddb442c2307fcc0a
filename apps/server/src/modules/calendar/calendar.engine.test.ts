import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { dayNumber, isoDate, receiptDate, WorkingCalendar } from './calendar.engine.js';
import { SHIPPED_YEARS } from './calendar.service.js';

const calendar = new WorkingCalendar(SHIPPED_YEARS);

/** A moment in China time (UTC+8). */
const chinaTime = (iso: string) => new Date(`${iso}+08:00`);

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return undefined;
}

describe('working days of 2026 (国务院办公厅 2026 arrangement)', () => {
  it('knows holidays, make-up working days and ordinary weekends', () => {
    expect(calendar.describe('2026-10-01')).toEqual({
      date: '2026-10-01',
      workday: false,
      holidayName: '国庆节',
    });
    expect(calendar.describe('2026-02-17')).toEqual({
      date: '2026-02-17',
      workday: false,
      holidayName: '春节',
    });
    expect(calendar.describe('2026-10-10')).toEqual({
      date: '2026-10-10',
      workday: true,
      makeUpFor: '国庆节调休',
    });
    expect(calendar.describe('2026-02-14')).toEqual({
      date: '2026-02-14',
      workday: true,
      makeUpFor: '春节调休',
    });
    expect(calendar.describe('2026-03-07')).toEqual({ date: '2026-03-07', workday: false });
    expect(calendar.describe('2026-03-09')).toEqual({ date: '2026-03-09', workday: true });
  });

  it('counts across the National Day holiday and its make-up Saturday', () => {
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 2)).toBe('2026-10-09');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    // 行政许可法 第42条: 20 working days from a Monday before the holiday.
    expect(calendar.addWorkingDays('2026-09-28', 20)).toBe('2026-10-30');
  });

  it('counts across the Spring Festival and its two make-up Saturdays', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(calendar.addWorkingDays('2026-02-13', 6)).toBe('2026-02-28');
    expect(calendar.addWorkingDays('2026-02-13', 7)).toBe('2026-03-02');
    // 行政许可法 第32条: completeness within 5 working days of 2026-02-12.
    expect(calendar.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });

  it('crosses the year end into New Year and its make-up Sunday', () => {
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(calendar.workingDaysBetween('2025-12-31', '2026-01-05')).toBe(2);
  });

  it('N = 0 is the day itself when it is a working day, else the next working day', () => {
    expect(calendar.addWorkingDays('2026-09-30', 0)).toBe('2026-09-30');
    expect(calendar.addWorkingDays('2026-10-03', 0)).toBe('2026-10-08');
  });

  it('refuses years it does not know, never guessing', () => {
    expect(errorCode(() => calendar.describe('2027-01-05'))).toBe('CALENDAR_YEAR_UNKNOWN');
    expect(errorCode(() => calendar.addWorkingDays('2026-12-20', 20))).toBe('CALENDAR_YEAR_UNKNOWN');
    expect(errorCode(() => calendar.addWorkingDays('2024-12-30', 1))).toBe('CALENDAR_YEAR_UNKNOWN');
    const gap = new WorkingCalendar([
      SHIPPED_YEARS[0] as (typeof SHIPPED_YEARS)[number],
      {
        ...(SHIPPED_YEARS[1] as (typeof SHIPPED_YEARS)[number]),
        year: 2027,
        holidays: [],
        makeUpWorkdays: [],
      },
    ]);
    expect(errorCode(() => gap.addWorkingDays('2025-12-30', 5))).toBe('CALENDAR_YEAR_UNKNOWN');
  });
});

describe('the time-of-day rule: received after office hours or on a non-working day counts from the next working day', () => {
  it('within office hours on a working day: that day', () => {
    expect(receiptDate(calendar, chinaTime('2026-09-30T10:00:00'))).toBe('2026-09-30');
    expect(calendar.addWorkingDays(receiptDate(calendar, chinaTime('2026-09-30T16:59:00')), 20)).toBe(
      '2026-11-03',
    );
  });
  it('after office hours: the next working day', () => {
    const receipt = receiptDate(calendar, chinaTime('2026-09-30T17:30:00'));
    expect(receipt).toBe('2026-10-08');
    expect(calendar.addWorkingDays(receipt, 20)).toBe('2026-11-04');
  });
  it('on a holiday or a weekend: the next working day; a make-up Saturday is a working day', () => {
    expect(receiptDate(calendar, chinaTime('2026-10-03T09:00:00'))).toBe('2026-10-08');
    expect(receiptDate(calendar, chinaTime('2026-03-07T09:00:00'))).toBe('2026-03-09');
    expect(receiptDate(calendar, chinaTime('2026-10-10T09:00:00'))).toBe('2026-10-10');
  });
});

describe('properties', () => {
  const first = dayNumber('2025-01-01');
  const last = dayNumber('2026-09-30');
  const dates = fc.integer({ min: first, max: last }).map(isoDate);

  it('adding N working days then counting back gives N, and never lands on a non-working day', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 60 }), (from, n) => {
        const due = calendar.addWorkingDays(from, n);
        expect(calendar.isWorkday(due)).toBe(true);
        expect(calendar.workingDaysBetween(from, due)).toBe(n);
        expect(due > from).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('adding is monotone and composes: (d + a) + b = d + (a + b)', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (from, a, b) => {
        expect(calendar.addWorkingDays(calendar.addWorkingDays(from, a), b)).toBe(
          calendar.addWorkingDays(from, a + b),
        );
        expect(calendar.addWorkingDays(from, a) < calendar.addWorkingDays(from, a + b)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with a day-by-day walk', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 40 }), (from, n) => {
        let day = dayNumber(from);
        let counted = 0;
        while (counted < n) {
          day += 1;
          if (calendar.isWorkday(isoDate(day))) counted += 1;
        }
        expect(calendar.addWorkingDays(from, n)).toBe(isoDate(day));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the fast ISO date parser', () => {
  const DAY_MS = 86_400_000;
  /** The parser as it was: a regular expression and a Date round trip. */
  const dateDayNumber = (date: string): number => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match) return Number.NaN;
    const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
    const back = new Date(Date.UTC(y, m - 1, d));
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
      return Number.NaN;
    return back.getTime() / DAY_MS;
  };

  it('agrees with Date on every day of 2025 and 2026, both ways', () => {
    const first = Date.UTC(2025, 0, 1) / DAY_MS;
    const last = Date.UTC(2026, 11, 31) / DAY_MS;
    for (let day = first; day <= last; day += 1) {
      const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      expect(dayNumber(date)).toBe(day);
      expect(isoDate(day)).toBe(date);
    }
  });

  it('agrees with Date on any year, and refuses what Date refuses (property)', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const isoLike = fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`);
    const almost = fc.oneof(
      isoLike,
      isoLike.map((date) => `${date} `),
      isoLike.map((date) => date.replace('-', '/')),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('2026-02-29', '2028-02-29', '2100-02-29', '2000-02-29', '0099-01-01', '2026-1-05'),
    );
    fc.assert(
      fc.property(almost, (date) => {
        expect(dayNumber(date)).toBe(dateDayNumber(date));
      }),
      { numRuns: 5000 },
    );
  });

  it('addWorkingDays agrees with a day-by-day walk for every day of 2025–2026 and 0–40 working days', () => {
    const walk = (from: string, n: number): string => {
      let day = dayNumber(from);
      if (n === 0) {
        while (!calendar.isWorkday(isoDate(day))) day += 1;
        return isoDate(day);
      }
      for (let counted = 0; counted < n; ) {
        day += 1;
        if (calendar.isWorkday(isoDate(day))) counted += 1;
      }
      return isoDate(day);
    };
    const outcome = (fn: () => string) => {
      try {
        return fn();
      } catch (error) {
        return error instanceof AppError ? `${error.code} ${JSON.stringify(error.details)}` : String(error);
      }
    };
    for (let day = dayNumber('2025-01-01'); day <= dayNumber('2026-12-31'); day += 1) {
      const from = isoDate(day);
      for (let n = 0; n <= 40; n += 1)
        expect(outcome(() => calendar.addWorkingDays(from, n))).toBe(outcome(() => walk(from, n)));
    }
  });
});
