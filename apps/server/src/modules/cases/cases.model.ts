import Type, { type Static } from 'typebox';

import type { CaseFacts } from './cases.machine.js';

export type { CaseAction, CaseFacts, CaseStatus } from './cases.machine.js';

/** The machine's facts and where the case is in its process, kept on the case row. */
export interface CaseProgress extends CaseFacts {
  /** 预审 passed: the application waits for formal acceptance (待受理). */
  preReviewed: boolean;
  /** Every review step is done: the case waits for the decision (待决定). */
  atDecision: boolean;
  /** A joint department refused (并联: any refusal decides): only 不予许可 remains. */
  jointRefused: boolean;
  /** The process has a joint step (联合办理: 15-day extension). */
  joint: boolean;
}

/** One line of the one-time correction notice (补正告知, 行政许可法 第32条): a material or a form field. */
export const Correction = Type.Object(
  {
    /** A material key of the item, or a form field name. */
    subject: Type.String({ minLength: 1, maxLength: 80 }),
    kind: Type.Union([Type.Literal('material'), Type.Literal('field')]),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type Correction = Static<typeof Correction>;

/** 容缺: a material accepted missing on the applicant's written commitment. */
export const DeferredMaterial = Type.Object({
  materialKey: Type.String(),
  name: Type.String(),
  /** The last working day to supply it. */
  due: Type.String({ format: 'date' }),
  suppliedAt: Type.Union([Type.String(), Type.Null()]),
});
export type DeferredMaterial = Static<typeof DeferredMaterial>;

/** 并联: one department's opinion on a joint step. */
export const JointOpinion = Type.Object({
  departmentId: Type.String(),
  departmentName: Type.String(),
  opinion: Type.Union([Type.Literal('approve'), Type.Literal('refuse'), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  at: Type.Union([Type.String(), Type.Null()]),
});
export type JointOpinion = Static<typeof JointOpinion>;

/** 特别程序 kinds whose time is not counted (行政许可法 第45条). */
export const SPECIAL_PROCEDURES = {
  hearing: '听证',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
  tender: '招标',
  auction: '拍卖',
  announcement: '公告',
} as const;
export type SpecialProcedureKind = keyof typeof SPECIAL_PROCEDURES;

/** 送达方式 */
export const DELIVERY_METHODS = {
  window: '窗口领取',
  mail: '邮寄送达',
  electronic: '电子送达',
} as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHODS;

/** Extension of the decision limit, once (行政许可法 第42条): 10 working days; 15 for joint handling. */
export const EXTENSION_DAYS = { single: 10, joint: 15 } as const;

/** Completeness must be decided within 5 working days of receipt (第32条). */
export const COMPLETENESS_WORKING_DAYS = 5;

/** A licence is issued and delivered within 10 working days of the decision (第44条). */
export const DELIVERY_WORKING_DAYS = 10;
