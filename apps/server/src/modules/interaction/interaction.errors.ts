import { AppError, conflict, notFound, unprocessable } from '../../platform/errors.js';

/** Error codes of the interaction module (好差评). */
export const interactionErrors = {
  notApplicant: () =>
    new AppError('INTERACTION_NOT_APPLICANT', 403, '只有申请人可以评价本办件', { field: 'params.id' }),
  caseNotCompleted: () =>
    unprocessable('INTERACTION_CASE_NOT_COMPLETED', '办件办结后才能评价', { field: 'params.id' }),
  alreadyRated: () =>
    conflict('INTERACTION_ALREADY_RATED', '本办件已评价（一事一评）', { field: 'params.id' }),
  reasonRequired: () =>
    unprocessable('INTERACTION_REASON_REQUIRED', '差评请选择不满意的原因或填写意见，便于整改', {
      field: 'body.reasons',
    }),
  reasonUnknown: (index: number) =>
    unprocessable('INTERACTION_REASON_UNKNOWN', '不满意原因须从列表中选择', {
      field: `body.reasons[${index}]`,
    }),
  ratingNotFound: () => notFound('INTERACTION_RATING_NOT_FOUND', '评价不存在', { field: 'params.id' }),
  notRectifiable: () =>
    conflict('INTERACTION_NOT_RECTIFIABLE', '该评价无需整改或已整改', { field: 'params.id' }),
  notYourDepartment: () =>
    new AppError('INTERACTION_NOT_YOUR_DEPARTMENT', 403, '只有办理部门或电子监察人员可以整改该差评', {
      field: 'params.id',
    }),
} as const;
