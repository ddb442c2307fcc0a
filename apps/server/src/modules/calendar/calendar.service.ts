import type { RequestContext } from '../../platform/audit.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db, Tx } from '../../platform/database.js';
import { dayNumber, WorkingCalendar, type YearArrangement } from './calendar.engine.js';
import { calendarErrors } from './calendar.errors.js';
import * as repo from './calendar.repo.js';
import year2025 from './data/2025.json' with { type: 'json' };
import year2026 from './data/2026.json' with { type: 'json' };

/** The years this project ships, from the official notices. */
export const SHIPPED_YEARS: readonly YearArrangement[] = [year2025, year2026];

/** The working calendar over every year in the database. */
export async function loadCalendar(db: Db): Promise<WorkingCalendar> {
  return new WorkingCalendar(await repo.listYears(db));
}

/**
 * Check an arrangement before it is stored: real dates inside its year, ranges in order, no day
 * both a holiday and a make-up working day, make-up working days on weekends (as 调休 always is).
 */
export function validateArrangement(arrangement: YearArrangement): void {
  const inYear = (date: string, field: string) => {
    if (Number.isNaN(dayNumber(date))) throw calendarErrors.invalidDate(field);
    if (!date.startsWith(`${arrangement.year}-`)) {
      throw calendarErrors.arrangementInvalid(`${date} 不在 ${arrangement.year} 年内`, field);
    }
  };
  const holidayDays = new Set<number>();
  arrangement.holidays.forEach((holiday, index) => {
    inYear(holiday.from, `body.holidays[${index}].from`);
    inYear(holiday.to, `body.holidays[${index}].to`);
    if (dayNumber(holiday.to) < dayNumber(holiday.from)) {
      throw calendarErrors.arrangementInvalid('假期结束日期早于开始日期', `body.holidays[${index}].to`);
    }
    for (let day = dayNumber(holiday.from); day <= dayNumber(holiday.to); day += 1) holidayDays.add(day);
  });
  arrangement.makeUpWorkdays.forEach((makeUp, index) => {
    const field = `body.makeUpWorkdays[${index}].date`;
    inYear(makeUp.date, field);
    const day = dayNumber(makeUp.date);
    if (holidayDays.has(day))
      throw calendarErrors.arrangementInvalid(`${makeUp.date} 既是假日又是调休上班日`, field);
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6) {
      throw calendarErrors.arrangementInvalid(`${makeUp.date} 不是周末，无需调休上班`, field);
    }
  });
}

/** Add a year from the official notice (administrators), audited. A year is added once. */
export async function addYear(tx: Tx, context: RequestContext, arrangement: YearArrangement): Promise<void> {
  validateArrangement(arrangement);
  if (await repo.hasYear(tx, arrangement.year)) throw calendarErrors.yearExists(arrangement.year);
  await repo.insertYear(tx, arrangement);
  await recordAudit(tx, context, {
    action: 'calendar.year.add',
    entityType: 'calendar_year',
    entityId: String(arrangement.year),
    after: arrangement,
  });
}

/** Store the shipped years the database does not have yet (every start; a no-op once done). */
export async function ensureShippedYears(tx: Tx, context: RequestContext): Promise<number> {
  let added = 0;
  for (const arrangement of SHIPPED_YEARS) {
    if (await repo.hasYear(tx, arrangement.year)) continue;
    await addYear(tx, context, arrangement);
    added += 1;
  }
  return added;
}

/**
 * Parse a simple date list, one day per line: `2027-01-01 休 元旦` (a holiday) or `2027-02-07 班
 * 春节调休` (a make-up working day); blank lines and lines starting with # are ignored. Every bad
 * line is reported, with its number.
 */
export function parseDateList(year: number, source: string, text: string): YearArrangement {
  const problems: { line: number; message: string }[] = [];
  const holidays: { name: string; from: string; to: string }[] = [];
  const makeUpWorkdays: { name: string; date: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [date = '', kind = '', ...nameParts] = line.split(/[\s,，]+/);
    const name = nameParts.join(' ');
    if (Number.isNaN(dayNumber(date))) {
      problems.push({ line: index + 1, message: `“${date}”不是有效日期（YYYY-MM-DD）` });
      return;
    }
    if (!name) {
      problems.push({ line: index + 1, message: '缺少节日名称' });
      return;
    }
    if (kind === '休' || kind === 'holiday') holidays.push({ name, from: date, to: date });
    else if (kind === '班' || kind === 'workday') makeUpWorkdays.push({ name, date });
    else problems.push({ line: index + 1, message: `第二列应为“休”或“班”，而不是“${kind}”` });
  });
  if (problems.length > 0) throw calendarErrors.importInvalid(problems);
  if (holidays.length === 0) throw calendarErrors.importInvalid([{ line: 1, message: '清单中没有任何假日' }]);
  return { year, source, holidays, makeUpWorkdays };
}

/** Every year's arrangement, in order. */
export function listYears(db: Db): Promise<YearArrangement[]> {
  return repo.listYears(db);
}
