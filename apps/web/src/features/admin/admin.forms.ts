import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

/**
 * Puts the server's refusal next to the form fields it names (`details.field` of a rule, or
 * `details.fields` of a validation error: `body.name`, `body.legalBasis.0.title` …), so the
 * administrator sees what to correct where they typed it. Returns whether any field was marked.
 */
export function markServerErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const details = (error.details ?? {}) as { field?: unknown };
  // A validation error names its first field in `details.field` too, with the whole request's
  // message (`请求参数有误：body.url 格式不正确`); the field's own message reads better next to it.
  const named = typeof details.field === 'string' ? details.field : undefined;
  const problems = [
    ...error.fieldErrors,
    ...(named && !error.fieldErrors.some((problem) => problem.field === named)
      ? [{ field: named, message: error.message }]
      : []),
  ];
  const fields = problems
    .filter((problem) => problem.field.startsWith('body.'))
    .map((problem) => ({
      name: problem.field
        .slice('body.'.length)
        .split('.')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [problem.message],
    }))
    .filter((field) => field.name.length > 0 && field.name[0] !== '');
  if (fields.length === 0) return false;
  form.setFields(fields);
  return true;
}
