import { AppError, badRequest, conflict, notFound, unprocessable } from '../../platform/errors.js';

/** Error codes of the licences module (电子证照, 电子印章). */
export const licenceErrors = {
  typeNotFound: (code: string, field = 'params.code') =>
    notFound('LICENCE_TYPE_NOT_FOUND', `证照类型 ${code} 不存在`, { field }),
  typeInactive: (code: string, field = 'body.typeCode') =>
    unprocessable('LICENCE_TYPE_INACTIVE', `证照类型 ${code} 已停用，不能签发`, { field }),
  typeExists: (code: string) =>
    conflict('LICENCE_TYPE_EXISTS', `证照类型 ${code} 已存在`, { field: 'body.code' }),
  typeCodeMismatch: () =>
    badRequest('LICENCE_TYPE_CODE_MISMATCH', '请求体中的类型代码与地址中的不一致', { field: 'body.code' }),
  holderKindMismatch: (field: string) =>
    unprocessable('LICENCE_HOLDER_KIND_MISMATCH', '该类型证照的持证主体类型不符', { field }),
  holderIdentifierInvalid: (field: string) =>
    badRequest(
      'LICENCE_HOLDER_IDENTIFIER_INVALID',
      '持证主体证件号码无效：自然人应为 18 位公民身份号码，法人应为 18 位统一社会信用代码',
      { field },
    ),
  dataInvalid: (field: string, message: string) =>
    unprocessable('LICENCE_DATA_INVALID', `证照数据有误：${message}`, { field }),
  validityInvalid: (field: string, message: string) =>
    unprocessable('LICENCE_VALIDITY_INVALID', message, { field }),
  notFound: (field = 'params.identifier') => notFound('LICENCE_NOT_FOUND', '证照不存在', { field }),
  identifierInvalid: (field: string, reason: string) =>
    badRequest('LICENCE_IDENTIFIER_INVALID', `证照标识无效（${reason}）`, { field }),
  notCurrent: () =>
    conflict('LICENCE_NOT_CURRENT', '只能对证照的当前版本进行此操作', { field: 'params.identifier' }),
  statusTransition: (from: string, to: string) =>
    conflict('LICENCE_STATUS_TRANSITION', `证照状态不能从“${from}”变为“${to}”`, { field: 'body.status' }),
  noActiveSeal: (department: string) =>
    unprocessable('LICENCE_NO_ACTIVE_SEAL', `${department}没有可用的电子印章（须为启用状态且在有效期内）`, {
      field: 'body.departmentId',
    }),
  sealNotFound: (field = 'params.id') => notFound('SEAL_NOT_FOUND', '电子印章不存在', { field }),
  sealTransition: (from: string, to: string) =>
    conflict('SEAL_STATUS_TRANSITION', `电子印章状态不能从“${from}”变为“${to}”`, { field: 'body.status' }),
  sealValidity: () =>
    unprocessable('SEAL_VALIDITY_INVALID', '印章有效期的结束日期必须晚于开始日期', {
      field: 'body.validUntil',
    }),
  departmentNotFound: (field = 'body.departmentId') =>
    notFound('LICENCE_DEPARTMENT_NOT_FOUND', '部门不存在', { field }),
  outsideScope: (field = 'body.departmentId') =>
    new AppError('LICENCE_OUTSIDE_SCOPE', 403, '该部门不在您的职责范围内', { field }),
  notHolder: (field = 'params.identifier') =>
    new AppError('LICENCE_NOT_HOLDER', 403, '只有持证人（或其授权经办人）可以进行此操作', { field }),
  consentRequired: () =>
    unprocessable('LICENCE_CONSENT_REQUIRED', '使用电子证照须经持证人授权同意', { field: 'body.consent' }),
  notUsable: (reason: string) =>
    unprocessable('LICENCE_NOT_USABLE', `该证照当前不能使用：${reason}`, { field: 'body.identifier' }),
  documentRequired: () =>
    badRequest('LICENCE_VERIFY_INPUT', '请提供证照（licence）或证照标识（identifier）之一', {
      field: 'body',
    }),
  importInvalid: (rows: { index: number; field: string; message: string }[]) =>
    unprocessable('LICENCE_IMPORT_INVALID', `导入数据有 ${rows.length} 处错误，未导入任何证照`, {
      field: `body.items.${rows[0]?.index ?? 0}`,
      details: { rows },
    }),
} as const;
