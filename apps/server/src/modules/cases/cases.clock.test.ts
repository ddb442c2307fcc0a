import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiptDate, WorkingCalendar } from '../calendar/calendar.engine.js';
import year2025 from '../calendar/data/2025.json' with { type: 'json' };
import year2026 from '../calendar/data/2026.json' with { type: 'json' };
import {
  dueDates,
  levelOn,
  pausedWorkingDays,
  remainingWorkingDays,
  warningBands,
  yellowThrough,
} from './cases.clock.js';
import { COMPLETENESS_WORKING_DAYS, EXTENSION_DAYS } from './cases.model.js';

const calendar = new WorkingCalendar([year2025, year2026]);
/** 2026-02-13 (Friday) at the given China time. */
const chinaTime = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

// Every expected date below was counted by hand on the 2026 arrangement (DESIGN.md): 中秋 09-25..27,
// 国庆 10-01..07 with 10-10 (Saturday) worked; 春节 02-15..23 with 02-14 and 02-28 (Saturdays) worked.
describe('the statutory clocks over the 2026 holidays', () => {
  it('a 20-day legal and 10-day promised limit from 2026-09-24 run over 中秋 and 国庆', () => {
    const dues = dueDates(calendar, {
      acceptedOn: '2026-09-24',
      legalLimitDays: 20,
      promisedLimitDays: 10,
      extensionDays: 0,
      pausedDays: 0,
    });
    // 09-28 29 30, 10-08 09 10(Sat, worked) 12 … : the 10th is 10-15, the 20th is 10-29.
    expect(dues).toEqual({ legalDue: '2026-10-29', promisedDue: '2026-10-15' });
  });

  it('completeness (第32条) is due 5 working days after receipt; after 17:00 counts from the next working day', () => {
    // Received Friday 2026-02-13 at 10:00: 02-14 (worked Saturday), 02-24, 25, 26, 27.
    const morning = receiptDate(calendar, chinaTime('2026-02-13', '10:00'));
    expect(morning).toBe('2026-02-13');
    expect(calendar.addWorkingDays(morning, COMPLETENESS_WORKING_DAYS)).toBe('2026-02-27');
    // Received at 18:00: counts as received on 02-14; then 02-24, 25, 26, 27, 28 (worked Saturday).
    const evening = receiptDate(calendar, chinaTime('2026-02-13', '18:00'));
    expect(evening).toBe('2026-02-14');
    expect(calendar.addWorkingDays(evening, COMPLETENESS_WORKING_DAYS)).toBe('2026-02-28');
    // Received during the holiday: counts from 02-24, the first working day after it.
    expect(receiptDate(calendar, chinaTime('2026-02-18', '09:00'))).toBe('2026-02-24');
  });

  it('a suspension (特别程序) over 国庆 takes only its working days off the clock', () => {
    // Suspended Tuesday 09-29, resumed Friday 10-09: 09-30, 10-08, 10-09 are not counted.
    const paused = pausedWorkingDays(calendar, '2026-09-29', '2026-10-09');
    expect(paused).toBe(3);
    const dues = dueDates(calendar, {
      acceptedOn: '2026-09-24',
      legalLimitDays: 20,
      promisedLimitDays: 10,
      extensionDays: 0,
      pausedDays: paused,
    });
    // 20th working day 10-29, then 10-30, 11-02, 11-03.
    expect(dues).toEqual({ legalDue: '2026-11-03', promisedDue: '2026-10-20' });
  });

  it('the one extension (第42条) adds 10 working days, 15 for joint handling', () => {
    const extended = (days: number) =>
      dueDates(calendar, {
        acceptedOn: '2026-09-24',
        legalLimitDays: 20,
        promisedLimitDays: null,
        extensionDays: days,
        pausedDays: 0,
      }).legalDue;
    expect(extended(EXTENSION_DAYS.single)).toBe('2026-11-12');
    expect(extended(EXTENSION_DAYS.joint)).toBe('2026-11-19');
  });

  it('warns yellow at the threshold and red after the due day', () => {
    const warningLevel = (today: string, due: string | null, yellowAt: number) =>
      levelOn(warningBands(calendar, today, yellowAt), due);
    const due = '2026-10-29';
    expect(remainingWorkingDays(calendar, '2026-10-23', due)).toBe(4);
    expect(warningLevel('2026-10-23', due, 3)).toBe('none');
    expect(warningLevel('2026-10-26', due, 3)).toBe('yellow');
    expect(warningLevel('2026-10-29', due, 3)).toBe('yellow');
    expect(remainingWorkingDays(calendar, '2026-10-29', due)).toBe(0);
    expect(warningLevel('2026-10-30', due, 3)).toBe('red');
    expect(remainingWorkingDays(calendar, '2026-11-02', due)).toBe(-2);
    // Over 国庆: from 2026-09-30 the next working days are 10-08, 10-09 and 10-10 (the worked Saturday).
    expect(yellowThrough(calendar, '2026-09-30', 3)).toBe('2026-10-10');
    // With no working days of warning, a holiday before a due date is not yet yellow: on 2026-10-01
    // (国庆) the due date 10-08 still has one working day left.
    expect(yellowThrough(calendar, '2026-10-01', 0)).toBe('2026-10-01');
    expect(warningLevel('2026-10-01', '2026-10-08', 0)).toBe('none');
    expect(warningLevel('2026-10-08', '2026-10-08', 0)).toBe('yellow');
    expect(warningLevel('2026-09-30', '2026-10-10', 3)).toBe('yellow');
    expect(warningLevel('2026-09-30', '2026-10-12', 3)).toBe('none');
    expect(warningLevel('2026-09-30', null, 3)).toBe('none');
  });

  it('puts a due date in the yellow band exactly when at most yellowAt working days remain', () => {
    const day = fc
      .integer({ min: 0, max: 500 })
      .map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
    // Due dates are working days (a number of working days after a date); today may be any day.
    const dueDay = day.filter((date) => calendar.isWorkday(date));
    fc.assert(
      fc.property(day, dueDay, fc.integer({ min: 0, max: 10 }), (today, due, yellowAt) => {
        const remaining = remainingWorkingDays(calendar, today, due);
        const expected = remaining < 0 || today > due ? 'red' : remaining <= yellowAt ? 'yellow' : 'none';
        expect(levelOn(warningBands(calendar, today, yellowAt), due)).toBe(expected);
      }),
    );
  });
});
