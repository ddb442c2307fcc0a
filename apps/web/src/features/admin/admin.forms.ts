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
  const problems = [
    ...error.fieldErrors,
    ...(typeof details.field === 'string' ? [{ field: details.field, message: error.message }] : []),
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
