import { badRequest, conflict, unprocessable } from '../../platform/errors.js';

/** Error codes of the calendar module (工作日历); CALENDAR_YEAR_UNKNOWN lives with the engine. */
export const calendarErrors = {
  invalidDate: (field: string) =>
    badRequest('CALENDAR_DATE_INVALID', '日期无效，应为 YYYY-MM-DD 格式的真实日期', { field }),
  yearExists: (year: number) =>
    conflict('CALENDAR_YEAR_EXISTS', `${year} 年的节假日安排已存在`, { field: 'body.year' }),
  arrangementInvalid: (message: string, field: string) =>
    unprocessable('CALENDAR_ARRANGEMENT_INVALID', message, { field }),
  importInvalid: (lines: { line: number; message: string }[]) =>
    unprocessable('CALENDAR_IMPORT_INVALID', `日期清单有 ${lines.length} 处错误，未导入任何数据`, {
      field: 'body',
      details: { lines },
    }),
} as const;
