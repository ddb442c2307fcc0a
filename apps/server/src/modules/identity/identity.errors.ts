import { AppError, badRequest, conflict, notFound, unprocessable } from '../../platform/errors.js';

/**
 * Error codes of the identity module (统一身份认证). Messages are for the person at the screen;
 * they never say whether an account exists (a failed login is one answer for every reason).
 */
export const identityErrors = {
  accountNotFound: (field = 'params.id') => notFound('IDENTITY_ACCOUNT_NOT_FOUND', '账户不存在', { field }),
  citizenIdInvalid: (field: string) =>
    badRequest('IDENTITY_CITIZEN_ID_INVALID', '公民身份号码无效（GB 11643 校验码不符）', { field }),
  creditCodeInvalid: (field: string) =>
    badRequest('IDENTITY_CREDIT_CODE_INVALID', '统一社会信用代码无效（GB 32100 校验码不符）', { field }),
  mobileInvalid: (field: string) => badRequest('IDENTITY_MOBILE_INVALID', '手机号码无效', { field }),
  accountExists: (field: string) => conflict('IDENTITY_ACCOUNT_EXISTS', '该证件号码已注册账户', { field }),
  invalidCredentials: () => new AppError('IDENTITY_INVALID_CREDENTIALS', 401, '账号或密码错误'),
  roleUnknown: (field: string) => unprocessable('IDENTITY_ROLE_UNKNOWN', '角色不存在', { field }),
  scopeInvalid: (message: string, field: string) =>
    unprocessable('IDENTITY_SCOPE_INVALID', message, { field }),
  agentGrantInvalid: (message: string, field: string) =>
    unprocessable('IDENTITY_AGENT_GRANT_INVALID', message, { field }),
  roleAlreadyGranted: () =>
    conflict('IDENTITY_ROLE_ALREADY_GRANTED', '该角色已在此范围内授予', { field: 'body.role' }),
  roleGrantNotFound: () =>
    notFound('IDENTITY_ROLE_GRANT_NOT_FOUND', '角色授权不存在或已收回', { field: 'params.grantId' }),
  agentGrantNotFound: () =>
    notFound('IDENTITY_AGENT_GRANT_NOT_FOUND', '经办人授权不存在或已收回', { field: 'params.grantId' }),
  notAnEnterprise: () => new AppError('IDENTITY_NOT_AN_ENTERPRISE', 403, '只有法人账户可以管理经办人授权'),
  populationCheckForPersons: () =>
    unprocessable('IDENTITY_POPULATION_CHECK_PERSONS_ONLY', '人口库核验只适用于自然人账户', {
      field: 'principal',
    }),
  populationMismatch: (answer: 'mismatch' | 'not_found') =>
    unprocessable(
      'IDENTITY_POPULATION_MISMATCH',
      answer === 'mismatch'
        ? '姓名与公民身份号码不一致，核验未通过'
        : '人口库中没有该公民身份号码，核验未通过',
      { field: 'principal', details: { answer } },
    ),
  notAnAgent: () => new AppError('IDENTITY_NOT_AN_AGENT', 403, '您未获该企业授权，不能代表其办事'),
  /** Every broken password rule, each with its stable code, so the form can show them all at once. */
  passwordWeak: (field: string, problems: { rule: string; message: string }[]) =>
    unprocessable(
      'IDENTITY_PASSWORD_WEAK',
      `密码不符合安全要求：${problems.map((p) => p.message).join('；')}`,
      {
        field,
        details: { rules: problems.map((p) => p.rule), fields: problems.map((p) => ({ field, ...p })) },
      },
    ),
  passwordIncorrect: (field = 'body.currentPassword') =>
    unprocessable('IDENTITY_PASSWORD_INCORRECT', '当前密码不正确', { field }),
  usernameExists: (field = 'body.username') =>
    conflict('IDENTITY_USERNAME_EXISTS', '该用户名已被使用', { field }),
  nameInvalid: (field: string) =>
    badRequest('IDENTITY_NAME_INVALID', '名称不能为空，且不超过 100 个字符', { field }),
  usernameInvalid: (field = 'body.username') =>
    badRequest('IDENTITY_USERNAME_INVALID', '用户名须以字母开头，由 3–32 位字母、数字或 . _ - 组成', {
      field,
    }),
  departmentUnknown: (field = 'body.departmentId') =>
    unprocessable('IDENTITY_DEPARTMENT_UNKNOWN', '所属部门不存在', { field }),
  regionCodeInvalid: (field = 'body.regionCode') =>
    badRequest('IDENTITY_REGION_CODE_INVALID', '行政区划代码无效（GB/T 2260）', { field }),
  accountLocked: (lockedUntil: Date) =>
    new AppError(
      'IDENTITY_ACCOUNT_LOCKED',
      423,
      '登录失败次数过多，账户已临时锁定，请稍后再试或通过短信验证码解锁',
      {
        details: { lockedUntil: lockedUntil.toISOString() },
      },
    ),
  addressLocked: (retryAfterSeconds: number) =>
    new AppError('IDENTITY_ADDRESS_LOCKED', 429, '来自您网络地址的登录失败次数过多，请稍后再试', {
      details: { retryAfterSeconds },
    }),
  accountDisabled: () => new AppError('IDENTITY_ACCOUNT_DISABLED', 403, '账户已停用，请联系管理员'),
  smsTooFrequent: (retryAfterSeconds: number) =>
    new AppError('IDENTITY_SMS_TOO_FREQUENT', 429, '短信验证码发送过于频繁，请稍后再试', {
      details: { retryAfterSeconds },
    }),
  /** A wrong, expired, used-up or exhausted SMS code: the same answer whether the number has an account or not. */
  smsCodeInvalid: (reason: 'mismatch' | 'expired' | 'attempts' | 'missing', field = 'body.code') =>
    new AppError('IDENTITY_SMS_CODE_INVALID', 401, SMS_CODE_MESSAGES[reason], { field, details: { reason } }),
  secondFactorInvalid: (field = 'body.code') =>
    new AppError('IDENTITY_SECOND_FACTOR_INVALID', 401, '动态口令或恢复码错误', { field }),
  totpAlreadyEnrolled: () => conflict('IDENTITY_TOTP_ALREADY_ENROLLED', '已绑定动态口令，无需重复绑定'),
  totpNotEnrolled: () => conflict('IDENTITY_TOTP_NOT_ENROLLED', '尚未开始或尚未完成动态口令绑定'),
} as const;

const SMS_CODE_MESSAGES = {
  mismatch: '短信验证码错误',
  expired: '短信验证码已过期，请重新获取',
  attempts: '短信验证码错误次数过多，请重新获取',
  missing: '请先获取短信验证码',
} as const;
