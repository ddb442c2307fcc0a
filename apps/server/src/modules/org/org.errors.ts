import { AppError, badRequest, conflict, notFound, unprocessable } from '../../platform/errors.js';

/** Error codes of the org module (regions and departments). */
export const orgErrors = {
  regionNotFound: (code: string, field = 'params.code') =>
    notFound('ORG_REGION_NOT_FOUND', `行政区划 ${code} 不存在`, { field }),
  departmentNotFound: (field = 'params.id') => notFound('ORG_DEPARTMENT_NOT_FOUND', '部门不存在', { field }),
  creditCodeInvalid: (reason: string, field = 'body.creditCode') =>
    badRequest(
      'ORG_CREDIT_CODE_INVALID',
      `统一社会信用代码无效（${CREDIT_CODE_REASONS[reason] ?? reason}）`,
      {
        field,
        details: { reason },
      },
    ),
  creditCodeRegionMismatch: (field = 'body.creditCode') =>
    unprocessable('ORG_CREDIT_CODE_REGION_MISMATCH', '统一社会信用代码中的行政区划码与部门所在区划不一致', {
      field,
    }),
  creditCodeTaken: (field = 'body.creditCode') =>
    conflict('ORG_CREDIT_CODE_TAKEN', '该统一社会信用代码已被其他部门使用', { field }),
  keyTaken: (field = 'body.key') => conflict('ORG_DEPARTMENT_KEY_TAKEN', '部门标识已被使用', { field }),
  outOfScope: (message: string, field: string) => new AppError('ORG_OUT_OF_SCOPE', 403, message, { field }),
  regionCodeInvalid: (message: string, field = 'body.code') =>
    badRequest('ORG_REGION_CODE_INVALID', message, { field }),
  regionTaken: (code: string) =>
    conflict('ORG_REGION_CODE_TAKEN', `行政区划代码 ${code} 已存在`, { field: 'body.code' }),
  parentInvalid: (message: string, field = 'body.parentId') =>
    unprocessable('ORG_PARENT_INVALID', message, { field }),
} as const;

const CREDIT_CODE_REASONS: Record<string, string> = {
  length: '应为 18 位',
  charset: '含有不允许的字符',
  region: '行政区划码格式错误',
  org_code: '组织机构代码校验位错误',
  check_char: '校验码错误',
};
