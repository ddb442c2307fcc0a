import { isValidCitizenId, isValidCreditCode } from '@yiwang/codes';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FormSchema } from '../catalogue/catalogue.model.js';
import { caseErrors } from './cases.errors.js';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
addFormats.default(ajv, ['date', 'email']);
ajv.addFormat('citizen-id', { type: 'string', validate: (value: string) => isValidCitizenId(value) });
ajv.addFormat('credit-code', { type: 'string', validate: (value: string) => isValidCreditCode(value) });
ajv.addFormat('mobile', /^1[3-9]\d{9}$/);
ajv.addKeyword({ keyword: 'x-prefill' });

const compiled = new Map<string, ValidateFunction>();

function messageOf(error: ErrorObject, schema: FormSchema): { field: string; message: string } {
  const name =
    error.keyword === 'required'
      ? String(error.params.missingProperty)
      : error.keyword === 'additionalProperties'
        ? String(error.params.additionalProperty)
        : error.instancePath.replace(/^\//, '');
  const title = schema.properties[name]?.title ?? name;
  const field = `body.form.${name}`;
  switch (error.keyword) {
    case 'required':
      return { field, message: `请填写“${title}”` };
    case 'additionalProperties':
      return { field, message: `表单没有“${name}”这一项` };
    case 'format':
      return { field, message: `“${title}”格式不正确` };
    case 'enum':
      return { field, message: `“${title}”须为可选值之一` };
    case 'type':
      return { field, message: `“${title}”类型不正确` };
    case 'minLength':
      return { field, message: `“${title}”不能少于 ${String(error.params.limit)} 个字` };
    case 'maxLength':
      return { field, message: `“${title}”不能超过 ${String(error.params.limit)} 个字` };
    case 'minimum':
    case 'maximum':
      return { field, message: `“${title}”超出允许范围` };
    case 'pattern':
      return { field, message: `“${title}”格式不正确` };
    default:
      return { field, message: `“${title}”${error.message ?? '不符合要求'}` };
  }
}

/**
 * Check application data against the item version's form (JSON Schema). Unknown fields are refused
 * so nothing unasked is stored. Compiled once per version: a published version never changes.
 */
export function validateForm(
  versionId: string,
  schema: FormSchema | null,
  data: Record<string, unknown>,
): void {
  if (!schema) {
    if (Object.keys(data).length > 0)
      throw caseErrors.formInvalid([{ field: 'body.form', message: '该事项无需填写申请表' }]);
    return;
  }
  let validate = compiled.get(versionId);
  if (!validate) {
    validate = ajv.compile({ ...schema, additionalProperties: false });
    compiled.set(versionId, validate);
  }
  if (!validate(data))
    throw caseErrors.formInvalid((validate.errors ?? []).map((error) => messageOf(error, schema)));
}
