import { AppError, badRequest, conflict, notFound, unprocessable } from '../../platform/errors.js';

/** Error codes of the case engine (办件). */
export const caseErrors = {
  notFound: (field = 'params.id') => notFound('CASE_NOT_FOUND', '办件不存在', { field }),
  subscriptionNotFound: () =>
    notFound('CASE_WEBHOOK_NOT_FOUND', '该部门没有这个对接系统', { field: 'params.subscriptionId' }),
  webhookUrlRefused: (problem: string) =>
    unprocessable('CASE_WEBHOOK_URL_REFUSED', problem, { field: 'body.url' }),
  deliveryNotFound: () =>
    notFound('CASE_WEBHOOK_DELIVERY_NOT_FOUND', '该部门没有这条推送记录', { field: 'params.messageId' }),
  deliveryNotDead: () =>
    conflict('CASE_WEBHOOK_DELIVERY_NOT_DEAD', '只有已放弃投递的推送可以重新发送', {
      field: 'params.messageId',
    }),
  noticeNotFound: () => notFound('CASE_NOTICE_NOT_FOUND', '文书不存在', { field: 'params.noticeId' }),
  lookupFailed: () =>
    notFound('CASE_LOOKUP_FAILED', '未找到与受理编号和证件号码相符的办件', { field: 'query.caseNumber' }),
  itemNotApplicable: () =>
    unprocessable('CASE_ITEM_NOT_APPLICABLE', '该事项不支持网上申请（网办深度不足三级）', {
      field: 'body.implementationCode',
    }),
  formInvalid: (fields: { field: string; message: string }[]) =>
    unprocessable('CASE_FORM_INVALID', `申请表填写有误：${fields.map((f) => f.message).join('；')}`, {
      field: fields[0]?.field,
      details: { fields },
    }),
  applicantInvalid: (field: string) =>
    unprocessable('CASE_APPLICANT_INVALID', '申请人证件号码无效（公民身份号码或统一社会信用代码）', {
      field,
    }),
  materialUnknown: (key: string, field: string) =>
    unprocessable('CASE_MATERIAL_UNKNOWN', `事项没有材料“${key}”`, { field }),
  materialNotReusable: (key: string, field: string) =>
    unprocessable('CASE_MATERIAL_NOT_REUSABLE', `材料“${key}”不能以电子证照或共享数据代替`, { field }),
  reuseNotFound: (field: string) =>
    unprocessable('CASE_REUSE_NOT_FOUND', '未找到申请人名下可代替该材料的电子证照或共享数据', { field }),
  materialNotDeferrable: (key: string) =>
    unprocessable('CASE_MATERIAL_NOT_DEFERRABLE', `材料“${key}”不允许容缺受理`, { field: 'body.materials' }),
  materialNotProvided: (key: string, field = 'body.materialKey') =>
    unprocessable('CASE_MATERIAL_NOT_PROVIDED', `材料“${key}”尚未提交`, { field }),
  correctionSubjectUnknown: (subject: string, index: number) =>
    unprocessable('CASE_CORRECTION_SUBJECT_UNKNOWN', `补正事项“${subject}”既不是本事项的材料也不是表单字段`, {
      field: `body.corrections.${index}.subject`,
    }),
  /** 一次性告知: the resubmission must answer every line of the notice at once. */
  correctionIncomplete: (missing: string[]) =>
    unprocessable('CASE_CORRECTION_INCOMPLETE', `补正未覆盖告知的全部内容：${missing.join('、')}`, {
      field: 'body',
      details: { missing },
    }),
  reasonRequired: (field: string) => badRequest('CASE_REASON_REQUIRED', '请填写理由', { field }),
  trackingNumberRequired: () =>
    badRequest('CASE_TRACKING_NUMBER_REQUIRED', '邮寄送达需填写快递单号', { field: 'body.trackingNumber' }),
  notImmediate: () =>
    unprocessable('CASE_NOT_IMMEDIATE', '该事项不是即办件，不能当场办结', { field: 'params.action' }),
  reviewIncomplete: () =>
    unprocessable('CASE_REVIEW_INCOMPLETE', '审查环节尚未全部完成，不能作出决定', { field: 'params.action' }),
  jointRefused: () =>
    unprocessable('CASE_JOINT_REFUSED', '并联审批中已有部门不同意，只能作出不予许可决定', {
      field: 'params.action',
    }),
  notYourStep: () =>
    new AppError('CASE_NOT_YOUR_STEP', 403, '当前环节不由您所在部门或岗位办理', { field: 'params.id' }),
  departmentOutOfScope: () =>
    new AppError('CASE_DEPARTMENT_OUT_OF_SCOPE', 403, '无权对接该部门的业务系统', { field: 'params.id' }),
  assuranceTooLow: (required: string) =>
    new AppError('CASE_ASSURANCE_TOO_LOW', 403, '办理该事项需要更高的身份核验等级，请先完成实名核验', {
      field: 'body.implementationCode',
      details: { required },
    }),
  applicantNotCaller: () =>
    new AppError('CASE_APPLICANT_NOT_CALLER', 403, '网上申请只能以本人（或所代表企业）的身份提交', {
      field: 'body.applicant.identifier',
    }),
  agentNotAuthorized: () =>
    new AppError('CASE_AGENT_NOT_AUTHORIZED', 403, '企业未授权您（经办人）办理该事项', {
      field: 'body.implementationCode',
    }),
  notYourCase: () => new AppError('CASE_FORBIDDEN', 403, '无权查看或办理该办件', { field: 'params.id' }),
  alreadyOpinion: () =>
    conflict('CASE_OPINION_GIVEN', '本部门已在该环节提出意见', { field: 'params.action' }),
  assigneeUnknown: () =>
    unprocessable('CASE_ASSIGNEE_UNKNOWN', '分派对象不是您管理范围内可办理办件的工作人员', {
      field: 'body.assigneeId',
    }),
  claimedByOther: (assigneeId: string) =>
    conflict('CASE_CLAIMED_BY_OTHER', '该办件已由其他工作人员认领办理', { details: { assigneeId } }),
  revisionConflict: (current: number) =>
    conflict('CASE_REVISION_CONFLICT', '办件已被他人更新，请刷新后重试', {
      field: 'body.revision',
      details: { currentRevision: current },
    }),
};
