import { randomUUID } from 'node:crypto';
import {
  isValidCitizenId,
  isValidCreditCode,
  maskCitizenId,
  normalizeCitizenId,
  normalizeCreditCode,
} from '@yiwang/codes';
import type { Principal } from '../../platform/access.js';
import { lockChainAhead, type RequestContext, recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import type { FieldCipher } from '../../platform/field-crypto.js';
import { postMessages } from '../../platform/inbox.js';
import { smsMessage } from '../../platform/notify.js';
import { enqueueOutboxMany, type NewOutboxMessage } from '../../platform/outbox.js';
import { receiptDate, type WorkingCalendar } from '../calendar/calendar.engine.js';
import type { EntryContent, Material, ProcessStep, TimeLimit } from '../catalogue/catalogue.model.js';
import * as catalogue from '../catalogue/catalogue.service.js';
import * as org from '../org/org.service.js';
import { dueDates, levelOn, pausedWorkingDays, type WarningBands, warningBands } from './cases.clock.js';
import { caseErrors } from './cases.errors.js';
import { validateForm } from './cases.form.js';
import {
  allowedActions,
  CASE_ACTIONS,
  type CaseAction,
  INITIAL_FACTS,
  transition,
  transitionRefused,
} from './cases.machine.js';
import {
  type CaseProgress,
  COMPLETENESS_WORKING_DAYS,
  type Correction,
  DELIVERY_METHODS,
  DELIVERY_WORKING_DAYS,
  type DeferredMaterial,
  type DeliveryMethod,
  EXTENSION_DAYS,
  type JointOpinion,
  SPECIAL_PROCEDURES,
  type SpecialProcedureKind,
} from './cases.model.js';
import type { Notice } from './cases.notices.js';
import { actingDepartment, casePermissions, mayActFor, ROLE_PERMISSION } from './cases.policy.js';
import type { Colleague, ReuseSources, StaffDirectory } from './cases.ports.js';
import * as repo from './cases.repo.js';
import { publishCaseEvents } from './cases.webhooks.js';

/** What the engine needs besides the database: the calendar, the field cipher, the reuse ports, a clock. */
export interface CaseEngine {
  calendar: WorkingCalendar;
  cipher: FieldCipher;
  sources: ReuseSources;
  /** The staff directory (identity module): colleagues for leads, assignees checked. */
  staff: StaffDirectory;
  now(): Date;
  /** Working days left on the earlier clock at which a case turns yellow (due soon). */
  warningYellowDays: number;
}

/** The warning bands of the engine's day: what a case's level and the warning queues are read by. */
export function todaysBands(engine: CaseEngine): WarningBands {
  return warningBands(engine.calendar, chinaDate(engine.now()), engine.warningYellowDays);
}

const limitDays = (limit: TimeLimit): number | null => (limit.kind === 'working_days' ? limit.days : null);

/** The timestamps of a draft not yet written (the database stamps them). */
const UNSET_TIME = new Date(0);

const EMPTY_PROGRESS: CaseProgress = {
  ...INITIAL_FACTS,
  preReviewed: false,
  atDecision: false,
  jointRefused: false,
  joint: false,
};

// ---------------------------------------------------------------------------------------------
// The item version a case executes

const versionCache = new Map<string, EntryContent>();

/** The content of a published version; versions never change once published, so it is cached. */
async function versionContent(db: Db, versionId: string): Promise<EntryContent> {
  let content = versionCache.get(versionId);
  if (!content) {
    content = (await catalogue.getEntryVersion(db, versionId)).content;
    if (versionCache.size > 2000) versionCache.clear();
    versionCache.set(versionId, content);
  }
  return content;
}

/** The departments that handle a step: the implementing one, or the one of a line (条线) nearest above. */
async function stepDepartments(db: Db, row: repo.CaseRow, step: ProcessStep): Promise<string[]> {
  const lineage = (await org.regionLineage(db, row.regionCode)) ?? [row.regionCode];
  const bySector = async (sector: string): Promise<string | undefined> => {
    for (const regionCode of lineage) {
      const { items } = await org.listDepartments(db, { regionCode, sector: sector as never, pageSize: 1 });
      if (items[0]) return items[0].id;
    }
    return undefined;
  };
  const lead =
    'sector' in step.handler ? ((await bySector(step.handler.sector)) ?? row.departmentId) : row.departmentId;
  const ids = [lead];
  for (const sector of step.jointSectors ?? []) {
    const id = await bySector(sector);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

const isReviewStep = (step: ProcessStep) => step.kind === 'review' || step.kind === 'preliminary_review';

// ---------------------------------------------------------------------------------------------
// Applying

export interface ApplicantInput {
  name: string;
  /** 公民身份号码 for a person, 统一社会信用代码 for an enterprise; online, the signed-in account's own when absent. */
  identifier?: string;
  mobile?: string;
}

export interface ApplyInput {
  implementationCode: string;
  form: Record<string, unknown>;
  applicant: ApplicantInput;
  /** Submit at once (default) or keep as a draft. */
  submit?: boolean;
  channel?: 'online' | 'window';
  /** 帮办代办: the staff member handling it for the applicant, and why. */
  proxyReason?: string;
  bundleApplicationId?: string;
  /** 容缺: deferrable materials the applicant cannot supply yet, and their written commitment. */
  deferredMaterials?: string[];
  commitment?: string;
}

function normalizeApplicant(kind: 'person' | 'enterprise', raw: string, field: string) {
  const identifier = kind === 'person' ? normalizeCitizenId(raw) : normalizeCreditCode(raw);
  const valid = kind === 'person' ? isValidCitizenId(identifier) : isValidCreditCode(identifier);
  if (!valid) throw caseErrors.applicantInvalid(field);
  return identifier;
}

/** 身份核验等级 in increasing order of assurance. */
const ASSURANCE_RANK = { self_declared: 0, population: 1, in_person: 2 } as const;

/**
 * The applicant records a caller answers for: their own account's, and — their identity verified
 * against the population base or in person — the walk-in applications (一窗受理) a clerk filed under
 * their ID number or credit code, so that someone who registers after applying at the window finds
 * those cases under 我的办件. A self-declared identifier could be anyone's, so it reaches no walk-in case.
 */
export function applicantAccountIds(caller: Principal): string[] {
  const verified = ASSURANCE_RANK[caller.assurance ?? 'self_declared'] >= ASSURANCE_RANK.population;
  return (caller.kind === 'person' || caller.kind === 'enterprise') && verified && caller.identifierIndex
    ? [caller.id, `walk-in:${caller.identifierIndex}`]
    : [caller.id];
}

/** Whether the caller is the case's applicant (`applicantAccountIds`). */
export function isApplicantOf(caller: Principal, row: Pick<repo.CaseRow, 'applicantAccountId'>): boolean {
  return applicantAccountIds(caller).includes(row.applicantAccountId);
}

/**
 * Start an application (申请) for a published item: the case keeps the version it started with. The
 * applicant applies online for themselves; a window clerk enters a walk-in application (一窗受理) on
 * the applicant's behalf through this same path.
 */
export async function apply(
  tx: Tx,
  context: RequestContext,
  engine: CaseEngine,
  caller: Principal,
  input: ApplyInput,
): Promise<repo.CaseRow> {
  const prepared = await prepareApplication(tx, engine, caller, input);
  const [applied] = await applyMany(tx, engine, [{ context, prepared }]);
  if (!applied) throw new Error('applyMany answered no case');
  return applied.row;
}

/** An application checked and ready to be written: what `applyMany` takes. */
export interface PreparedApplication {
  caller: Principal;
  input: ApplyInput;
  /** Its case as a new draft, every column set but the id, the number and the timestamps (blank). */
  draft: repo.CaseRow;
}

/**
 * Check an application against its item and its caller, and build its case row — everything that
 * can refuse it with the caller's error, before any write. Reads only the published guide, so it
 * may run outside the transaction that writes the case.
 */
export async function prepareApplication(
  db: Db,
  engine: CaseEngine,
  caller: Principal,
  input: ApplyInput,
): Promise<PreparedApplication> {
  const guide = await catalogue.getGuideCached(db, input.implementationCode).catch(() => {
    throw caseErrors.itemNotApplicable();
  });
  // 实名等级: an item may demand that the applicant's identity was verified (online applications;
  // at the window the clerk checks the applicant in person).
  const required = guide.guide.requiredAssurance;
  if (
    required &&
    input.channel !== 'window' &&
    ASSURANCE_RANK[caller.assurance ?? 'self_declared'] < ASSURANCE_RANK[required]
  )
    throw caseErrors.assuranceTooLow(required);
  // 经办人: an agent limited to some items applies for those only (实施编码 or 基本编码).
  const agentItems = caller.agent?.itemCodes ?? [];
  if (
    agentItems.length > 0 &&
    !agentItems.includes(guide.implementationCode) &&
    !agentItems.includes(guide.basicCode)
  )
    throw caseErrors.agentNotAuthorized();
  const channel = input.channel ?? 'online';
  // A 一件事 member is applied for through its bundle's one application, whatever its own depth.
  if (channel === 'online' && !input.bundleApplicationId && guide.guide.onlineDepth < 3)
    throw caseErrors.itemNotApplicable();
  const given = input.applicant.identifier ?? (channel !== 'window' ? caller.identifier : undefined) ?? '';
  const applicantKind = caller.kind === 'enterprise' || isValidCreditCode(given) ? 'enterprise' : 'person';
  const identifier = normalizeApplicant(applicantKind, given, 'body.applicant.identifier');
  // Online, one applies as oneself (or the enterprise one acts for): the identifier the case is filed
  // under, and whose licences it may reuse, is the signed-in account's own. At the window the clerk
  // enters the walk-in applicant's, checked against their documents.
  if (channel !== 'window' && caller.identifier?.toUpperCase() !== identifier)
    throw caseErrors.applicantNotCaller();
  validateForm(guide.versionId, guide.form, input.form);
  const joint = guide.process.steps.some((step) => (step.jointSectors?.length ?? 0) > 0);
  const index = engine.cipher.blindIndex(identifier);
  // Every column of a case row, in the table's order, written out: the copies each action makes
  // (`caseUpdated`) then keep the same keys, which V8 copies fast, whereas a copy that gains or
  // loses keys turns slow (about 100 µs for a case row on Node 20, a tenth of a submission).
  const draft: repo.CaseRow = {
    id: '',
    applicationNumber: '',
    caseNumber: null,
    versionId: guide.versionId,
    implementationCode: guide.implementationCode,
    itemName: guide.name,
    regionCode: guide.region.code,
    departmentId: guide.department.id,
    applicantKind,
    applicantAccountId: channel === 'window' ? `walk-in:${index}` : caller.id,
    applicantName: input.applicant.name,
    applicantIdentifierEncrypted: engine.cipher.encrypt(identifier),
    applicantIdentifierIndex: index,
    applicantMobileEncrypted: input.applicant.mobile ? engine.cipher.encrypt(input.applicant.mobile) : null,
    channel,
    proxy: input.proxyReason ? { staffId: caller.id, reason: input.proxyReason } : null,
    bundleApplicationId: input.bundleApplicationId ?? null,
    form: input.form,
    status: 'draft',
    facts: { ...EMPTY_PROGRESS, joint },
    revision: 0,
    stepIndex: null,
    stepStartedOn: null,
    stepDue: null,
    handlerDepartmentIds: [],
    jointOpinions: [],
    corrections: [],
    deferredMaterials: [],
    submittedAt: null,
    receivedOn: null,
    completenessDue: null,
    deemedAccepted: false,
    acceptedOn: null,
    legalLimitDays: limitDays(guide.guide.legalTimeLimit),
    promisedLimitDays: limitDays(guide.guide.promisedTimeLimit),
    extensionDays: 0,
    pausedDays: 0,
    suspendedOn: null,
    legalDue: null,
    promisedDue: null,
    decidedOn: null,
    deliveryDue: null,
    completedAt: null,
    warningDue: null,
    assigneeId: null,
    claimedAt: null,
    createdAt: UNSET_TIME,
    updatedAt: UNSET_TIME,
  };
  return { caller, input, draft };
}

/**
 * `count` application numbers (申请号) of today, for `applyMany`. Drawn ahead (alongside other work)
 * a number may go unused, as one does when its transaction rolls back: numbers are unique and rising,
 * not gapless.
 */
export function drawApplicationNumbers(tx: Tx, engine: CaseEngine, count: number): Promise<string[]> {
  return repo.drawApplicationNumbers(tx, chinaDate(engine.now()), count);
}

/**
 * Write prepared applications in the caller's transaction: each case is inserted as it stands after
 * its submission (or as a draft when `submit` is false), the submission planned by the same state
 * machine as every other action, with its log entry, audit, messages and webhooks. Several at once
 * cost about the statements of one: what the group commit of `POST /cases` relies on. `drawn`: their
 * application numbers when the caller drew them (`drawApplicationNumbers`), else drawn here.
 */
export async function applyMany(
  tx: Tx,
  engine: CaseEngine,
  applications: readonly { context: RequestContext; prepared: PreparedApplication }[],
  options: { drawn?: readonly string[]; last?: boolean } = {},
): Promise<{ row: repo.CaseRow; action: repo.ActionRow | null }[]> {
  if (applications.length === 0) return [];
  const now = engine.now();
  const numbers = options.drawn ?? (await drawApplicationNumbers(tx, engine, applications.length));
  const planned: { context: RequestContext; plan: ActionPlan | null; values: repo.CaseValues }[] = [];
  for (const [index, { context, prepared }] of applications.entries()) {
    const { caller, input } = prepared;
    const applicationNumber = numbers[index];
    if (!applicationNumber) throw new Error('fewer application numbers drawn than asked');
    const draft: repo.CaseRow = {
      ...prepared.draft,
      id: randomUUID(),
      applicationNumber,
      createdAt: now,
      updatedAt: now,
    };
    if (input.submit === false) {
      planned.push({ context, plan: null, values: repo.caseUpdated(draft, {}) });
      continue;
    }
    const plan = await planAction(
      tx,
      context,
      engine,
      caller,
      draft,
      'submit',
      {
        ...(input.deferredMaterials ? { deferredMaterials: input.deferredMaterials } : {}),
        ...(input.commitment ? { commitment: input.commitment } : {}),
      },
      [],
    );
    planned.push({ context, plan, values: repo.caseUpdated(draft, plan.update) });
  }
  for (const { context, values } of planned)
    await recordAudit(tx, context, {
      action: 'cases.case.create',
      entityType: 'case',
      entityId: values.id,
      after: {
        applicationNumber: values.applicationNumber,
        versionId: values.versionId,
        channel: values.channel,
        applicantIdentifierIndex: values.applicantIdentifierIndex,
      },
    });
  const submitted = planned.flatMap(({ context, plan, values }) =>
    plan ? [{ context, plan, written: values }] : [],
  );
  // The cases and their records go down together: the records need only what is written.
  const [rows, recorded] = await Promise.all([
    repo.insertCases(
      tx,
      planned.map(({ values }) => values),
    ),
    recordActions(tx, engine, submitted, options.last ?? false),
  ]);
  const actionOf = new Map(submitted.map(({ written }, index) => [written.id, recorded[index]?.action]));
  return rows.map((row) => ({ row, action: actionOf.get(row.id) ?? null }));
}

// ---------------------------------------------------------------------------------------------
// Actions

/** What an action may carry; each action reads the fields it needs. */
export interface ActionInput {
  /** The revision the caller saw: refused with CASE_REVISION_CONFLICT when the case moved on. */
  revision?: number;
  reason?: string;
  legalBasis?: string;
  comment?: string;
  corrections?: Correction[];
  /** 容缺: keys of deferrable materials accepted missing, with the applicant's commitment. */
  deferredMaterials?: string[];
  commitment?: string;
  materialKey?: string;
  form?: Record<string, unknown>;
  opinion?: 'approve' | 'refuse';
  procedure?: SpecialProcedureKind;
  result?: string;
  content?: string;
  method?: DeliveryMethod;
  trackingNumber?: string;
  licenceNumber?: string;
  /** The platform only (第32条): accepted on arrival, so the clocks run from the day of receipt. */
  acceptedOnArrival?: boolean;
}

/** Actions the applicant takes (or the window clerk, for a walk-in application). */
const APPLICANT_ACTIONS: ReadonlySet<CaseAction> = new Set([
  'submit',
  'resubmit',
  'withdraw',
  'supply_material',
]);
/** Actions of the acceptance window. */
const WINDOW_ACTIONS: ReadonlySet<CaseAction> = new Set([
  'request_correction',
  'accept',
  'accept_with_deficiency',
  'refuse_acceptance',
  'handle_immediately',
  'return_deficient',
]);
/**
 * Answers to a request addressed to the approver (延期审批): taken whoever has claimed the case, since
 * the reviewer who asked usually holds it.
 */
const ANSWER_ACTIONS: ReadonlySet<CaseAction> = new Set(['approve_extension', 'decline_extension']);
/** Actions shown on the applicant's timeline. */
const PRIVATE_ACTIONS: ReadonlySet<string> = new Set([
  'review',
  // 延期: the request and a declined request are internal; the applicant is told of a granted one.
  'request_extension',
  'decline_extension',
  'claim',
  'comment',
  'pre_review_pass',
  'warning',
]);

interface Situation {
  row: repo.CaseRow;
  content: EntryContent;
  lineage: string[];
}

/** The department the action is taken for, or a refusal: the access rule of every action. */
function authorize(caller: Principal, action: CaseAction, s: Situation): string | null {
  const decided = authorization(caller, action, s);
  if ('refusal' in decided) throw decided.refusal();
  return decided.departmentId;
}

/**
 * `authorize` without throwing: the department, or the refusal's error made only when asked for.
 * The view asks this of every action for every case it shows, where an Error (its stack captured)
 * for each action not offered cost a tenth of the view.
 */
function authorization(
  caller: Principal,
  action: CaseAction,
  s: Situation,
): { departmentId: string | null } | { refusal: () => AppError } {
  const { row, content, lineage } = s;
  if (caller.kind === 'system') return { departmentId: null };
  const step = row.stepIndex === null ? undefined : content.process.steps[row.stepIndex];
  const department = (permission: string, ids: readonly string[]) =>
    mayActFor(caller, permission, ids, lineage)
      ? { departmentId: actingDepartment(caller, ids, lineage) ?? null }
      : { refusal: () => caseErrors.notYourStep() };
  if (APPLICANT_ACTIONS.has(action)) {
    if (isApplicantOf(caller, row)) return { departmentId: null };
    if (row.channel === 'window' || action === 'supply_material')
      return department(casePermissions.window, [row.departmentId]);
    return { refusal: () => caseErrors.notYourCase() };
  }
  if (WINDOW_ACTIONS.has(action)) return department(casePermissions.window, [row.departmentId]);
  switch (action) {
    case 'review':
      // No review step to act on (not accepted yet, or every step done): the state machine's
      // refusal, which names the status and the actions it allows.
      if (!step || !isReviewStep(step))
        return {
          refusal: () => {
            const facts = { ...EMPTY_PROGRESS, ...row.facts };
            transition(row.status, facts, 'review');
            return transitionRefused(row.status, 'review', facts, '当前没有待审查的环节');
          },
        };
      // A joint step: any of its departments (one that already gave its opinion is told so).
      return department(
        ROLE_PERMISSION[step.role],
        row.jointOpinions.length > 0
          ? row.jointOpinions.map((o) => o.departmentId)
          : row.handlerDepartmentIds,
      );
    case 'request_extension':
      // The staff handling the current review step (for a joint step: the departments still handling
      // it), or a reviewer of the case's department when no review step remains.
      return department(step && isReviewStep(step) ? ROLE_PERMISSION[step.role] : casePermissions.review, [
        row.departmentId,
        ...row.handlerDepartmentIds,
      ]);
    case 'approve_extension':
    case 'decline_extension':
      // 第42条: the head of the administrative organ, i.e. an approver of the case's department.
      return department(casePermissions.approve, [row.departmentId]);
    case 'approve':
    case 'refuse':
    case 'terminate':
      return department(step?.kind === 'decision' ? ROLE_PERMISSION[step.role] : casePermissions.approve, [
        row.departmentId,
      ]);
    case 'suspend':
    case 'resume':
      if (mayActFor(caller, casePermissions.approve, [row.departmentId], lineage))
        return { departmentId: actingDepartment(caller, [row.departmentId], lineage) ?? null };
      return department(casePermissions.review, [row.departmentId, ...row.handlerDepartmentIds]);
    default: {
      // produce, deliver, complete: the production step's role, else the window.
      const production = content.process.steps.find(
        (candidate) => candidate.kind === 'production' || candidate.kind === 'delivery',
      );
      return department(production ? ROLE_PERMISSION[production.role] : casePermissions.window, [
        row.departmentId,
      ]);
    }
  }
}

/** The first review step after acceptance, or the decision step. */
function firstStepAfterAcceptance(steps: readonly ProcessStep[]): number {
  const acceptance = steps.findIndex((step) => step.kind === 'acceptance');
  const next = steps.findIndex((step, index) => index > acceptance && step.kind !== 'acceptance');
  return next === -1 ? steps.length - 1 : next;
}

/** Enter a step: its departments, its own clock, and (joint) an empty opinion per department. */
async function enterStep(
  tx: Tx,
  engine: CaseEngine,
  row: repo.CaseRow,
  content: EntryContent,
  index: number,
  startedOn: string,
) {
  const step = content.process.steps[index];
  if (!step) throw new Error(`step ${index} of version ${row.versionId} does not exist`);
  const departments = await stepDepartments(tx, row, step);
  const joint = (step.jointSectors?.length ?? 0) > 0;
  const names = joint ? await org.departmentsByIds(tx, departments) : new Map<string, never>();
  const jointOpinions: JointOpinion[] = joint
    ? departments.map((id) => ({
        departmentId: id,
        departmentName: names.get(id)?.name ?? '',
        opinion: null,
        comment: null,
        actorId: null,
        at: null,
      }))
    : [];
  return {
    stepIndex: index,
    stepStartedOn: startedOn,
    stepDue: engine.calendar.addWorkingDays(startedOn, step.workingDays),
    handlerDepartmentIds: departments,
    jointOpinions,
  } satisfies Partial<repo.NewCaseRow>;
}

function requireText(value: string | undefined, field: string): string {
  if (!value || value.trim().length < 2) throw caseErrors.reasonRequired(field);
  return value.trim();
}

/**
 * Take one action on a case: lock it (actions on one case are serialized), check the caller's right
 * and the revision they saw, run the state machine, apply what the law attaches to the action
 * (clocks, notices, 容缺, joint opinions), append it to the log, audit it and tell the applicant —
 * all in the caller's transaction.
 */
export async function act(
  tx: Tx,
  context: RequestContext,
  engine: CaseEngine,
  caller: Principal,
  caseId: string,
  action: CaseAction,
  input: ActionInput,
): Promise<{ row: repo.CaseRow; records: repo.CaseRecords }> {
  const [outcome] = await actMany(tx, engine, [{ context, caller, caseId, action, input }]);
  if (outcome?.kind === 'refused') throw outcome.error;
  if (outcome?.kind !== 'done') throw new Error('actMany answered no outcome for one action');
  return outcome;
}

/**
 * Who sees a case after an action, and which of its records: its applicant the public part of the log
 * (as `caseRecords` reads it for them), staff all of it.
 */
export function viewFor(
  caller: Principal,
  taken: { row: repo.CaseRow; records: repo.CaseRecords },
): { audience: 'applicant' | 'staff'; known: repo.CaseRecords } {
  if (!isApplicantOf(caller, taken.row)) return { audience: 'staff', known: taken.records };
  return {
    audience: 'applicant',
    known: { ...taken.records, actions: taken.records.actions.filter((a) => a.public) },
  };
}

/** One action asked for: on which case, by whom, with what. */
export interface ActionRequest {
  context: RequestContext;
  caller: Principal;
  caseId: string;
  action: CaseAction;
  input: ActionInput;
}

/**
 * What became of an action of `actMany`: taken (the case as it now is, with its log, materials and
 * notices); refused, with the caller's error, nothing of it written; or left for later, being a
 * second action on a case the batch already acts on (it must see the first one's result).
 */
export type ActionOutcome =
  | { kind: 'done'; row: repo.CaseRow; records: repo.CaseRecords }
  | { kind: 'refused'; error: AppError }
  | { kind: 'later' };

/** Cases locked for actions, with their records (log, materials, notices), by id. */
export type LockedCases = Map<string, { row: repo.CaseRow; records: repo.CaseRecords }>;

/** Lock `caseIds` for `actMany` (in id order, as every locker does), with their records. */
/** Actions that give a case its number (受理编号): those of `planAction`'s acceptance branch. */
const NUMBERING_ACTIONS: ReadonlySet<CaseAction> = new Set([
  'accept',
  'accept_with_deficiency',
  'handle_immediately',
]);

/**
 * Draw the case numbers' serials `requests` may take ahead, with the statements issued alongside (a
 * batch's locks): planning their acceptances then costs no round trip of its own.
 */
export function drawCaseNumbersAhead(tx: Tx, requests: readonly ActionRequest[]): void {
  repo.drawCaseSerialsAhead(tx, requests.filter((request) => NUMBERING_ACTIONS.has(request.action)).length);
}

export function lockCases(tx: Tx, caseIds: readonly string[]): Promise<LockedCases> {
  return repo.lockCasesWithRecords(tx, [...new Set(caseIds)]);
}

/**
 * Actions on several cases in the caller's transaction, each as `act` takes one: the cases locked in
 * one statement (in id order) with their records, each action planned on its own — a refusal is that
 * action's alone, and planning writes nothing that outlives a refusal — then each case row updated,
 * and the log, notices, audit, messages and webhooks of all of them written a statement per table.
 * What the group commit of `POST /cases/{id}/actions/{action}` relies on. `locked`: the cases when the
 * caller locked them already (`lockCases`, every case asked for among them), else locked here.
 */
export async function actMany(
  tx: Tx,
  engine: CaseEngine,
  requests: readonly ActionRequest[],
  options: { locked?: LockedCases; last?: boolean } = {},
): Promise<ActionOutcome[]> {
  const taken = new Set<string>();
  const firsts = requests.map((request) => {
    if (taken.has(request.caseId)) return false;
    taken.add(request.caseId);
    return true;
  });
  const cases = options.locked ?? (await lockCases(tx, [...taken]));
  const outcomes: ActionOutcome[] = requests.map(() => ({ kind: 'later' }));
  // Planned together: each plan's reads and serials go down the connection with the others'.
  const plans = await Promise.all(
    requests.map(async (request, index) => {
      if (!firsts[index]) return undefined;
      const found = cases.get(request.caseId);
      if (!found) {
        outcomes[index] = { kind: 'refused', error: caseErrors.notFound() };
        return undefined;
      }
      try {
        const { context, caller, action, input } = request;
        const plan = await planAction(
          tx,
          context,
          engine,
          caller,
          found.row,
          action,
          input,
          found.records.materials,
        );
        return { index, context, plan, records: found.records };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcomes[index] = { kind: 'refused', error };
        return undefined;
      }
    }),
  );
  const planned = plans.filter((plan) => plan !== undefined);
  const done = planned.map(({ context, plan }) => ({
    context,
    plan,
    written: repo.caseUpdated(plan.before, plan.update),
  }));
  // The cases and their records go down together: the records need only what is written.
  const [rows, recorded] = await Promise.all([
    repo.updateCases(
      tx,
      done.map(({ written }) => written),
    ),
    recordActions(tx, engine, done, options.last ?? false),
  ]);
  for (const [position, { index, records }] of planned.entries()) {
    const row = rows[position];
    const written = recorded[position];
    if (!row || !written) throw new Error('fewer cases or actions written than planned');
    // The records after the action: what was read under the lock, with what the action wrote.
    outcomes[index] = {
      kind: 'done',
      row,
      records: {
        actions: [...records.actions, written.action],
        materials: records.materials,
        notices: [...records.notices, ...written.notices],
      },
    };
  }
  return outcomes;
}

/** What one action does to a case, worked out before anything is written. */
interface ActionPlan {
  before: repo.CaseRow;
  action: CaseAction;
  caller: Principal;
  departmentId: string | null;
  /** The case's new columns: the action's changes, the new status and facts, the next revision. */
  update: Partial<repo.NewCaseRow>;
  details: Record<string, unknown>;
  notices: { kind: string; content: Record<string, unknown> }[];
  message: string | undefined;
  /** Outbox messages of the action itself (the e-licence issuance hook), written with its records. */
  hooks: NewOutboxMessage[];
  now: Date;
}

/**
 * Work out one action on a case the caller holds (locked, with its `materials`; or created in this
 * transaction, which nobody else sees yet and which has none): the caller's right and the revision they saw,
 * the state machine, and what the law attaches to the action (clocks, notices, 容缺, joint
 * opinions). Reads what it needs; writes only serials (its outbox hooks go with its records).
 */
async function planAction(
  tx: Tx,
  context: RequestContext,
  engine: CaseEngine,
  caller: Principal,
  row: repo.CaseRow,
  action: CaseAction,
  input: ActionInput,
  materials: readonly repo.MaterialRow[],
): Promise<ActionPlan> {
  if (input.revision !== undefined && input.revision !== row.revision)
    throw caseErrors.revisionConflict(row.revision);
  const content = await versionContent(tx, row.versionId);
  const lineage = (await org.regionLineage(tx, row.regionCode)) ?? [row.regionCode];
  const departmentId = authorize(caller, action, { row, content, lineage });
  if (
    caller.kind === 'staff' &&
    row.assigneeId &&
    row.assigneeId !== caller.id &&
    !APPLICANT_ACTIONS.has(action) &&
    !ANSWER_ACTIONS.has(action)
  )
    throw caseErrors.claimedByOther(row.assigneeId);

  const progress: CaseProgress = { ...EMPTY_PROGRESS, ...row.facts };
  const next = transition(row.status, progress, action, {
    deficientMaterials: input.deferredMaterials?.length,
  });
  const facts: CaseProgress = { ...progress, ...next.facts };
  const now = engine.now();
  const calendar = engine.calendar;
  const today = receiptDate(calendar, now);
  const changes: Partial<repo.NewCaseRow> = {};
  const details: Record<string, unknown> = {};
  const notices: { kind: string; content: Record<string, unknown> }[] = [];
  const hooks: NewOutboxMessage[] = [];
  let message: string | undefined;
  const clock = () => ({
    acceptedOn: changes.acceptedOn ?? row.acceptedOn ?? today,
    legalLimitDays: row.legalLimitDays,
    promisedLimitDays: row.promisedLimitDays,
    extensionDays: changes.extensionDays ?? row.extensionDays,
    pausedDays: changes.pausedDays ?? row.pausedDays,
  });
  const materialOf = (key: string, field: string): Material => {
    const material = content.materials.find((candidate) => candidate.key === key);
    if (!material) throw caseErrors.materialUnknown(key, field);
    return material;
  };

  switch (action) {
    case 'submit':
    case 'resubmit': {
      // A draft submitted with changed fields, or the fields a correction notice named.
      if (input.form) {
        const form = { ...row.form, ...input.form };
        validateForm(row.versionId, content.form, form);
        changes.form = form;
      }
      // 容缺承诺: the applicant commits to supply deferrable materials later; the window may then
      // accept with them missing (accept_with_deficiency takes this commitment unless it states one).
      if (input.deferredMaterials?.length) {
        const keys = [...new Set(input.deferredMaterials)];
        for (const key of keys) {
          const material = materialOf(key, 'body.deferredMaterials');
          if (material.necessity !== 'deferrable') throw caseErrors.materialNotDeferrable(key);
        }
        details.applicantDeferrals = keys;
        details.commitment = requireText(input.commitment, 'body.commitment');
      }
      if (action === 'resubmit') {
        // 一次性告知: every line of the notice must be answered in this one resubmission.
        const noticeAt = await lastActionTime(tx, row.id, 'request_correction');
        const missing = row.corrections
          .filter((line) =>
            line.kind === 'material'
              ? !materials.some((m) => m.materialKey === line.subject && noticeAt && m.providedAt > noticeAt)
              : !(input.form && line.subject in input.form),
          )
          .map((line) => line.subject);
        if (missing.length > 0) throw caseErrors.correctionIncomplete(missing);
        details.corrected = row.corrections.map((line) => line.subject);
        changes.corrections = [];
      }
      changes.submittedAt = now;
      changes.receivedOn = receiptDate(calendar, now);
      changes.completenessDue = calendar.addWorkingDays(changes.receivedOn, COMPLETENESS_WORKING_DAYS);
      details.receivedOn = changes.receivedOn;
      details.completenessDue = changes.completenessDue;
      details.missingMaterials = content.materials
        .filter((m) => m.necessity !== 'conditional' && !materials.some((p) => p.materialKey === m.key))
        .map((m) => m.key);
      message = `您的${row.itemName}申请（${row.applicationNumber}）已提交，我们将在${changes.completenessDue}前完成审核。`;
      break;
    }
    case 'request_correction': {
      // 第32条: the one-time notice is due within 5 working days of receipt; once they have passed,
      // the application already counts as accepted on the day it was received.
      if (row.completenessDue !== null && chinaDate(now) > row.completenessDue)
        throw transitionRefused(
          row.status,
          action,
          progress,
          `补正告知应在${row.completenessDue}前一次性作出，逾期未告知的申请自收到之日起即为受理`,
        );
      const corrections = input.corrections ?? [];
      if (corrections.length === 0) throw caseErrors.reasonRequired('body.corrections');
      corrections.forEach((line, index) => {
        const known =
          line.kind === 'material'
            ? content.materials.some((m) => m.key === line.subject)
            : Boolean(content.form && line.subject in content.form.properties);
        if (!known) throw caseErrors.correctionSubjectUnknown(line.subject, index);
      });
      changes.corrections = corrections;
      details.corrections = corrections;
      notices.push({ kind: 'correction', content: { corrections } });
      message = `您的${row.itemName}申请需要补正，请按补正告知书一次性补齐后重新提交。`;
      break;
    }
    case 'accept':
    case 'accept_with_deficiency':
    case 'handle_immediately': {
      const serial = await repo.nextSerial(tx, 'case');
      changes.caseNumber = `${row.regionCode}${chinaDate(now).replaceAll('-', '')}${String(serial).padStart(6, '0')}`;
      // 第32条: after the 5 days for a correction notice the application counts as accepted on the
      // day it was received, whether the platform's job or the window records the acceptance.
      const completenessOverdue = row.completenessDue !== null && chinaDate(now) > row.completenessDue;
      const onArrival =
        row.receivedOn !== null &&
        ((caller.kind === 'system' && input.acceptedOnArrival === true) || completenessOverdue);
      changes.acceptedOn = onArrival && row.receivedOn ? row.receivedOn : today;
      changes.deemedAccepted = onArrival;
      if (onArrival) details.deemedAccepted = true;
      if (action === 'handle_immediately') {
        const immediate = row.promisedLimitDays === null || content.process.steps.length === 1;
        if (!immediate) throw caseErrors.notImmediate();
        changes.decidedOn = today;
        changes.completedAt = now;
        details.handledOn = today;
        message = `您的${row.itemName}已当场办结（受理编号 ${changes.caseNumber}）。`;
        break;
      }
      if (action === 'accept_with_deficiency') {
        const offered = await applicantCommitment(tx, row.id);
        const keys = input.deferredMaterials ?? offered?.materials ?? [];
        if (keys.length === 0) throw caseErrors.reasonRequired('body.deferredMaterials');
        const commitment = requireText(input.commitment ?? offered?.commitment, 'body.commitment');
        const deferred: DeferredMaterial[] = keys.map((key) => {
          const material = materialOf(key, 'body.deferredMaterials');
          if (material.necessity !== 'deferrable') throw caseErrors.materialNotDeferrable(key);
          return {
            materialKey: key,
            name: material.name,
            due: calendar.addWorkingDays(today, material.deferralWorkingDays ?? COMPLETENESS_WORKING_DAYS),
            suppliedAt: null,
          };
        });
        changes.deferredMaterials = deferred;
        details.deferredMaterials = deferred;
        details.commitment = commitment;
      }
      Object.assign(changes, dueDates(calendar, clock()));
      Object.assign(
        changes,
        await enterStep(
          tx,
          engine,
          row,
          content,
          firstStepAfterAcceptance(content.process.steps),
          changes.acceptedOn,
        ),
      );
      const stepIndex = changes.stepIndex ?? 0;
      facts.atDecision = content.process.steps[stepIndex]?.kind === 'decision';
      details.caseNumber = changes.caseNumber;
      details.legalDue = changes.legalDue;
      details.promisedDue = changes.promisedDue;
      notices.push({
        kind: 'acceptance',
        content: {
          legalDue: changes.legalDue,
          promisedDue: changes.promisedDue,
          deferredMaterials: changes.deferredMaterials ?? [],
        },
      });
      message = `您的${row.itemName}申请已受理，受理编号 ${changes.caseNumber}，承诺${changes.promisedDue ?? ''}前办结。`;
      break;
    }
    case 'refuse_acceptance': {
      details.reason = requireText(input.reason, 'body.reason');
      details.legalBasis = requireText(input.legalBasis, 'body.legalBasis');
      changes.completedAt = now;
      notices.push({
        kind: 'nonAcceptance',
        content: { reason: details.reason, legalBasis: details.legalBasis },
      });
      message = `您的${row.itemName}申请不予受理，原因：${details.reason}`;
      break;
    }
    case 'review': {
      const opinion = input.opinion ?? 'approve';
      details.opinion = opinion;
      details.comment = input.comment ?? null;
      const step = content.process.steps[row.stepIndex ?? 0];
      let advance = true;
      if (row.jointOpinions.length > 0) {
        const mine = row.jointOpinions.find((o) => o.departmentId === departmentId);
        if (!mine) throw caseErrors.notYourStep();
        if (mine.opinion !== null) throw caseErrors.alreadyOpinion();
        const opinions = row.jointOpinions.map((o) =>
          o === mine
            ? { ...o, opinion, comment: input.comment ?? null, actorId: caller.id, at: now.toISOString() }
            : o,
        );
        changes.jointOpinions = opinions;
        changes.handlerDepartmentIds = opinions.filter((o) => o.opinion === null).map((o) => o.departmentId);
        details.departmentId = departmentId;
        // 并联: all must approve; any refusal decides at once.
        if (opinion === 'refuse') facts.jointRefused = true;
        advance = opinion === 'refuse' || opinions.every((o) => o.opinion === 'approve');
        // The completed round stays in the log, so the case view keeps every round's opinions.
        if (advance && step) details.jointRound = { stepKey: step.key, stepName: step.name, opinions };
      }
      if (advance && step) {
        const nextIndex = (row.stepIndex ?? 0) + 1;
        Object.assign(changes, await enterStep(tx, engine, row, content, nextIndex, today));
        facts.atDecision = content.process.steps[nextIndex]?.kind === 'decision';
        details.step = step.key;
      }
      break;
    }
    case 'suspend': {
      const procedure = input.procedure;
      if (!procedure || !(procedure in SPECIAL_PROCEDURES)) throw caseErrors.reasonRequired('body.procedure');
      details.procedure = procedure;
      details.reason = requireText(input.reason, 'body.reason');
      changes.suspendedOn = today;
      message = `您的${row.itemName}办件进入特别程序（${SPECIAL_PROCEDURES[procedure]}），所需时间不计入办理期限。`;
      break;
    }
    case 'resume': {
      const suspendedOn = row.suspendedOn ?? today;
      const paused = pausedWorkingDays(calendar, suspendedOn, today);
      changes.pausedDays = row.pausedDays + paused;
      changes.suspendedOn = null;
      Object.assign(changes, dueDates(calendar, clock()));
      if (row.stepDue) changes.stepDue = calendar.addWorkingDays(row.stepDue, paused);
      details.result = requireText(input.result, 'body.result');
      details.suspendedOn = suspendedOn;
      details.pausedWorkingDays = paused;
      details.legalDue = changes.legalDue;
      details.promisedDue = changes.promisedDue;
      message = `您的${row.itemName}办件特别程序已结束，办理期限顺延至${changes.promisedDue ?? changes.legalDue}。`;
      break;
    }
    case 'request_extension': {
      details.reason = requireText(input.reason, 'body.reason');
      details.extensionDays = facts.joint ? EXTENSION_DAYS.joint : EXTENSION_DAYS.single;
      break;
    }
    case 'approve_extension': {
      // 第42条: +10 working days, +15 for joint handling; the reason the reviewer gave is told.
      const request = await pendingExtensionRequest(tx, row.id);
      details.reason = request?.reason ?? '';
      details.requestedBy = request?.requestedBy ?? null;
      details.comment = input.comment?.trim() || null;
      details.previousLegalDue = row.legalDue;
      details.previousPromisedDue = row.promisedDue;
      changes.extensionDays = facts.joint ? EXTENSION_DAYS.joint : EXTENSION_DAYS.single;
      Object.assign(changes, dueDates(calendar, clock()));
      details.extensionDays = changes.extensionDays;
      details.legalDue = changes.legalDue;
      details.promisedDue = changes.promisedDue;
      notices.push({
        kind: 'extension',
        content: {
          reason: details.reason,
          extensionDays: changes.extensionDays,
          previousDue: row.legalDue,
          legalDue: changes.legalDue,
          promisedDue: changes.promisedDue,
        },
      });
      message = `经负责人批准，您的${row.itemName}办理期限延长${changes.extensionDays}个工作日，至${changes.legalDue}。理由：${details.reason}`;
      break;
    }
    case 'decline_extension': {
      details.reason = requireText(input.reason, 'body.reason');
      const request = await pendingExtensionRequest(tx, row.id);
      details.requestedBy = request?.requestedBy ?? null;
      break;
    }
    case 'approve':
    case 'refuse': {
      if (!facts.atDecision) throw caseErrors.reviewIncomplete();
      if (action === 'approve' && facts.jointRefused) throw caseErrors.jointRefused();
      if (action === 'approve') details.content = requireText(input.content, 'body.content');
      else details.reasons = requireText(input.reason, 'body.reason');
      details.legalBasis = input.legalBasis ?? null;
      changes.decidedOn = today;
      changes.deliveryDue = calendar.addWorkingDays(today, DELIVERY_WORKING_DAYS);
      const decisionIndex = row.stepIndex ?? 0;
      const following = decisionIndex + 1;
      if (following < content.process.steps.length)
        Object.assign(changes, await enterStep(tx, engine, row, content, following, today));
      notices.push({ kind: 'decision', content: { outcome: action, ...details } });
      message =
        action === 'approve'
          ? `您的${row.itemName}已准予许可，请留意领取结果。`
          : `您的${row.itemName}不予许可，理由：${details.reasons}。如不服，可依法申请行政复议或提起行政诉讼。`;
      break;
    }
    case 'produce': {
      details.licenceNumber = requireText(input.licenceNumber, 'body.licenceNumber');
      // The hook for e-licence issuance: the licences module takes it from the outbox.
      hooks.push({
        topic: 'cases.licence-produced',
        payload: {
          caseId: row.id,
          caseNumber: row.caseNumber,
          licenceNumber: details.licenceNumber,
          versionId: row.versionId,
        },
        requestId: context.requestId,
      });
      break;
    }
    case 'deliver': {
      const method = input.method;
      if (!method || !(method in DELIVERY_METHODS)) throw caseErrors.reasonRequired('body.method');
      if (method === 'mail' && !input.trackingNumber) throw caseErrors.trackingNumberRequired();
      details.method = method;
      details.trackingNumber = input.trackingNumber ?? null;
      message = `您的${row.itemName}办理结果已${DELIVERY_METHODS[method]}${input.trackingNumber ? `（快递单号 ${input.trackingNumber}）` : ''}。`;
      break;
    }
    case 'complete':
      changes.completedAt = now;
      message = `您的${row.itemName}（${row.caseNumber}）已办结，欢迎对本次服务进行评价。`;
      break;
    case 'withdraw':
    case 'terminate':
      details.reason =
        action === 'terminate' ? requireText(input.reason, 'body.reason') : (input.reason ?? null);
      changes.completedAt = now;
      message = `您的${row.itemName}办件已${action === 'withdraw' ? '撤回' : '终止'}。`;
      break;
    case 'supply_material': {
      const key = input.materialKey ?? '';
      const pending = row.deferredMaterials.find((m) => m.materialKey === key && m.suppliedAt === null);
      if (!pending) throw caseErrors.materialNotDeferrable(key);
      if (!materials.some((m) => m.materialKey === key)) throw caseErrors.materialNotProvided(key);
      changes.deferredMaterials = row.deferredMaterials.map((m) =>
        m === pending ? { ...m, suppliedAt: now.toISOString() } : m,
      );
      details.materialKey = key;
      break;
    }
    case 'return_deficient': {
      // 容缺: the applicant was promised until the committed date; the case goes back only once a
      // material is still missing after it (the same test as the overdue scan, repo.overdueDeferrals).
      const overdue = row.deferredMaterials.filter((m) => m.suppliedAt === null && m.due < chinaDate(now));
      if (overdue.length === 0)
        throw transitionRefused(row.status, action, progress, '容缺材料尚未到承诺补交期限，不能退回');
      details.overdue = overdue.map((m) => ({ materialKey: m.materialKey, due: m.due }));
      changes.completedAt = now;
      message = `您的${row.itemName}容缺材料未在承诺期限内补交，申请已退回。`;
      break;
    }
  }

  return {
    before: row,
    action,
    caller,
    departmentId,
    update: { ...changes, status: next.status, facts, revision: row.revision + 1 },
    details,
    notices,
    message,
    hooks,
    now,
  };
}

/**
 * Record planned actions on cases already written with their new state (`updated`): the log, the
 * notices, the audit, the applicant's messages and the departments' webhooks — each a statement for
 * all of them at once, which is what makes a batch of submissions cheap.
 */
async function recordActions(
  tx: Tx,
  engine: CaseEngine,
  done: readonly { context: RequestContext; plan: ActionPlan; written: repo.CaseValues }[],
  last: boolean,
): Promise<{ action: repo.ActionRow; notices: repo.NoticeRow[] }[]> {
  for (const { context, plan, written } of done) {
    await recordAudit(tx, context, {
      action: `cases.case.${plan.action}`,
      entityType: 'case',
      entityId: written.id,
      before: { status: plan.before.status, revision: plan.before.revision },
      after: { status: written.status, revision: written.revision, details: plan.details },
    });
  }
  const recorded = Promise.all([
    repo.appendActions(
      tx,
      done.map(({ plan, written }) => ({
        caseId: written.id,
        action: plan.action,
        fromStatus: plan.before.status,
        toStatus: written.status,
        actorKind: plan.caller.kind,
        actorId: plan.caller.id,
        departmentId: plan.departmentId,
        public: !PRIVATE_ACTIONS.has(plan.action),
        details: plan.details,
      })),
    ),
    repo.insertNotices(
      tx,
      done.flatMap(({ plan, written }) =>
        plan.notices.map((notice) => noticeOf(written, notice.kind, notice.content, plan.now)),
      ),
    ),
    notifyApplicants(
      tx,
      engine,
      done.flatMap(({ context, plan, written }) =>
        plan.message ? [{ row: written, text: plan.message, requestId: context.requestId }] : [],
      ),
    ),
    publishCaseEvents(
      tx,
      done.map(({ context, plan, written }) => ({
        row: written,
        action: plan.action,
        requestId: context.requestId,
      })),
    ),
    enqueueOutboxMany(
      tx,
      done.flatMap(({ plan }) => plan.hooks),
    ),
  ]);
  // The transaction's last writes: the audit chain's head is locked with them, not after them.
  if (last) lockChainAhead(tx);
  const [actions, saved] = await recorded;
  const noticeKey = (caseId: string, kind: string) => `${caseId}\u0000${kind}`;
  const savedByKey = new Map(saved.map((notice) => [noticeKey(notice.caseId, notice.kind), notice]));
  const issued = done.map(({ plan, written }) =>
    plan.notices.map((notice) => {
      const row = savedByKey.get(noticeKey(written.id, notice.kind));
      if (!row) throw new Error('insertNotices answered fewer notices than issued');
      return row;
    }),
  );
  return done.map((_, index) => {
    const action = actions[index];
    if (!action) throw new Error('the case log answered fewer rows than appended');
    return { action, notices: issued[index] ?? [] };
  });
}

/** The extension request waiting for the approver (the last request, unanswered), from the log. */
async function pendingExtensionRequest(
  db: Db,
  caseId: string,
): Promise<{ reason: string; requestedBy: string; requestedAt: string; extensionDays: number } | undefined> {
  return extensionRequestOf(await repo.listActions(db, caseId, false));
}

function extensionRequestOf(actions: readonly repo.ActionRow[]) {
  const last = actions
    .filter((a) => ['request_extension', 'approve_extension', 'decline_extension'].includes(a.action))
    .at(-1);
  if (last?.action !== 'request_extension') return undefined;
  const details = last.details as { reason?: string; extensionDays?: number };
  return {
    reason: details.reason ?? '',
    requestedBy: last.actorId ?? '',
    requestedAt: last.occurredAt.toISOString(),
    extensionDays: details.extensionDays ?? 0,
  };
}

/** The 容缺 commitment the applicant made with their latest submission, if any. */
async function applicantCommitment(
  tx: Tx,
  caseId: string,
): Promise<{ materials: string[]; commitment: string } | undefined> {
  const actions = await repo.listActions(tx, caseId, false);
  const last = actions.filter((a) => a.action === 'submit' || a.action === 'resubmit').at(-1);
  const details = (last?.details ?? {}) as { applicantDeferrals?: string[]; commitment?: string };
  return details.applicantDeferrals && details.commitment
    ? { materials: details.applicantDeferrals, commitment: details.commitment }
    : undefined;
}

async function lastActionTime(tx: Tx, caseId: string, action: string): Promise<Date | undefined> {
  const actions = await repo.listActions(tx, caseId, false);
  return actions.filter((a) => a.action === action).at(-1)?.occurredAt;
}

/** A notice to issue (`repo.insertNotices`), numbered like 受〔2026〕第000012号: the kind, the year and a serial. */
function noticeOf(row: Pick<repo.CaseRow, 'id'>, kind: string, content: Record<string, unknown>, now: Date) {
  const year = chinaDate(now).slice(0, 4);
  const label =
    { acceptance: '受', correction: '补', nonAcceptance: '不受', decision: '决', extension: '延' }[kind] ??
    '文';
  return { caseId: row.id, kind, numberPrefix: `${label}〔${year}〕第`, content, issuedAt: now };
}

/**
 * Tell the applicant, in this transaction: a message in their account (我的消息) when they applied
 * online, and an SMS through the outbox when they left a mobile number.
 */
async function notifyApplicants(
  tx: Tx,
  engine: CaseEngine,
  notes: readonly { row: repo.CaseValues; text: string; requestId: string | null }[],
) {
  await Promise.all([
    postMessages(
      tx,
      notes
        .filter(({ row }) => row.channel !== 'window')
        .map(({ row, text }) => ({
          accountId: row.applicantAccountId,
          title: row.itemName,
          body: text,
          link: `/my-cases/${row.id}`,
        })),
    ),
    enqueueOutboxMany(
      tx,
      notes.flatMap(({ row, text, requestId }) =>
        row.applicantMobileEncrypted
          ? [
              smsMessage(
                engine.cipher,
                { mobile: engine.cipher.decrypt(row.applicantMobileEncrypted), text: `【一网通办】${text}` },
                { requestId },
              ),
            ]
          : [],
      ),
    ),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Events that do not change the status

/** Record an event in the log (claim, comment, pre-review pass, warning). */
async function recordEvent(
  tx: Tx,
  context: RequestContext,
  caller: Principal,
  row: repo.CaseRow,
  event: string,
  details: Record<string, unknown>,
) {
  await repo.appendAction(tx, {
    caseId: row.id,
    action: event,
    fromStatus: row.status,
    toStatus: row.status,
    actorKind: caller.kind,
    actorId: caller.id,
    departmentId: null,
    public: !PRIVATE_ACTIONS.has(event),
    details,
  });
  await recordAudit(tx, context, {
    action: `cases.case.${event}`,
    entityType: 'case',
    entityId: row.id,
    after: details,
  });
}

/** Claim a case (认领): two clerks cannot hold one case; the second gets CASE_CLAIMED_BY_OTHER. */
export async function claim(
  tx: Tx,
  context: RequestContext,
  caller: Principal,
  caseId: string,
): Promise<repo.CaseRow> {
  const row = await lockCaseFor(tx, caseId, (found) => assertStaffReach(tx, caller, found));
  const claimed = await repo.claimCase(tx, caseId, caller.id);
  if (!claimed) throw caseErrors.claimedByOther(row.assigneeId ?? '');
  await recordEvent(tx, context, caller, row, 'claim', { assigneeId: caller.id });
  return claimed;
}

/**
 * 批量分派: a lead (an approver of the department) hands several cases to one colleague at once, or
 * releases them (null), whoever holds them now. All or none: one case out of scope refuses the lot.
 */
export async function assignAsLead(
  tx: Tx,
  context: RequestContext,
  engine: CaseEngine,
  caller: Principal,
  caseIds: readonly string[],
  assigneeId: string | null,
) {
  // The assignee must be a colleague within the lead's scope who can take case work.
  if (assigneeId !== null) {
    const found = UUID.test(assigneeId)
      ? await listColleagues(tx, engine, caller, { accountId: assigneeId, page: 1, pageSize: 1 })
      : { items: [] };
    if (found.items.length === 0) throw caseErrors.assigneeUnknown();
  }
  const assigned: repo.CaseRow[] = [];
  for (const caseId of [...new Set(caseIds)].sort()) {
    const row = await lockCaseFor(tx, caseId, async (found) => {
      const lineage = (await org.regionLineage(tx, found.regionCode)) ?? [];
      if (
        !mayActFor(
          caller,
          casePermissions.approve,
          [found.departmentId, ...found.handlerDepartmentIds],
          lineage,
        )
      )
        throw caseErrors.notYourCase();
    });
    const updated = await repo.updateCase(tx, caseId, {
      assigneeId,
      claimedAt: assigneeId ? new Date() : null,
    });
    await recordEvent(tx, context, caller, row, 'assign', {
      from: row.assigneeId,
      to: assigneeId,
      bulk: true,
    });
    assigned.push(updated);
  }
  return assigned;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Permissions of case work a colleague may be handed (not supervision or integration). */
const CASE_WORK_PERMISSIONS = [
  casePermissions.window,
  casePermissions.review,
  casePermissions.approve,
  casePermissions.produce,
];

/**
 * 同事: the staff within the lead's own scope (departments, or region subtree) who hold a role of
 * case work there, by name, one page at a time — asked of the identity module's directory.
 */
export async function listColleagues(
  db: Db,
  engine: CaseEngine,
  caller: Principal,
  query: { q?: string | undefined; accountId?: string; page: number; pageSize: number },
): Promise<{ items: Colleague[]; total: number }> {
  if (caller.kind !== 'staff' || !caller.permissions.has(casePermissions.approve))
    throw caseErrors.notYourCase();
  const scope = caller.scope;
  return engine.staff.listStaff(db, {
    permissions: CASE_WORK_PERMISSIONS,
    departmentIds: scope?.departmentIds,
    regionCodes: scope?.regionCode ? await org.regionSubtreeCodes(db, scope.regionCode) : undefined,
    q: query.q,
    accountId: query.accountId,
    page: query.page,
    pageSize: query.pageSize,
  });
}

/**
 * The applicant's ID number and mobile in clear, for staff who may see the case and need them (a
 * phone call, a check against a document). Lists and the case desk show them masked; each reveal
 * is written to the audit log with who asked.
 */
export async function revealApplicant(
  tx: Tx,
  context: RequestContext,
  engine: CaseEngine,
  caller: Principal,
  caseId: string,
): Promise<{ identifier: string; mobile: string | null }> {
  const row = await repo.findCase(tx, caseId);
  if (!row) throw caseErrors.notFound();
  await assertStaffReach(tx, caller, row);
  await recordAudit(tx, context, {
    action: 'cases.applicant.revealed',
    entityType: 'case',
    entityId: caseId,
    after: { revealedBy: caller.id },
  });
  return {
    identifier: engine.cipher.decrypt(row.applicantIdentifierEncrypted),
    mobile: row.applicantMobileEncrypted ? engine.cipher.decrypt(row.applicantMobileEncrypted) : null,
  };
}

/** The queues of the workbench: one page of a queue within the caller's scope, and every queue's count. */
export async function workbenchScope(db: Db, caller: Principal): Promise<repo.QueueScope> {
  if (caller.kind !== 'staff' || !Object.values(casePermissions).some((p) => caller.permissions.has(p)))
    throw caseErrors.notYourCase();
  const scope = caller.scope;
  return {
    ...(scope?.departmentIds ? { departmentIds: scope.departmentIds } : {}),
    ...(scope?.regionCode ? { regionCodes: await org.regionSubtreeCodes(db, scope.regionCode) } : {}),
  };
}

/** Release or hand a case to a colleague (转办). */
export async function assign(
  tx: Tx,
  context: RequestContext,
  caller: Principal,
  caseId: string,
  assigneeId: string | null,
) {
  const row = await lockCaseFor(tx, caseId, (found) => assertStaffReach(tx, caller, found));
  if (row.assigneeId && row.assigneeId !== caller.id) throw caseErrors.claimedByOther(row.assigneeId);
  const updated = await repo.updateCase(tx, caseId, {
    assigneeId,
    claimedAt: assigneeId ? new Date() : null,
  });
  await recordEvent(tx, context, caller, row, 'assign', { from: row.assigneeId, to: assigneeId });
  return updated;
}

export async function comment(
  tx: Tx,
  context: RequestContext,
  caller: Principal,
  caseId: string,
  text: string,
) {
  const row = await lockCaseFor(tx, caseId, (found) => assertStaffReach(tx, caller, found));
  await recordEvent(tx, context, caller, row, 'comment', { text });
  return row;
}

/** 预审通过: the online application is complete and waits for formal acceptance (待受理). */
export async function passPreReview(tx: Tx, context: RequestContext, caller: Principal, caseId: string) {
  const row = await repo.lockCase(tx, caseId);
  if (!row) throw caseErrors.notFound();
  const lineage = (await org.regionLineage(tx, row.regionCode)) ?? [];
  if (!mayActFor(caller, casePermissions.window, [row.departmentId], lineage)) throw caseErrors.notYourStep();
  if (row.status !== 'submitted')
    throw transitionRefused(row.status, 'accept', row.facts, `办件当前状态为“${row.status}”，无需预审`);
  const updated = await repo.updateCase(tx, caseId, {
    facts: { ...row.facts, preReviewed: true },
    revision: row.revision + 1,
  });
  await recordEvent(tx, context, caller, row, 'pre_review_pass', {});
  return updated;
}

/** Lock the case for a change (CASE_NOT_FOUND when there is none) once `mayChange` lets the caller. */
async function lockCaseFor(
  tx: Tx,
  caseId: string,
  mayChange: (row: repo.CaseRow) => Promise<void>,
): Promise<repo.CaseRow> {
  const row = await repo.lockCase(tx, caseId);
  if (!row) throw caseErrors.notFound();
  await mayChange(row);
  return row;
}

async function assertStaffReach(db: Db, caller: Principal, row: repo.CaseRow) {
  const lineage = (await org.regionLineage(db, row.regionCode)) ?? [];
  const ids = [row.departmentId, ...row.handlerDepartmentIds];
  const any = Object.values(casePermissions).some((permission) =>
    mayActFor(caller, permission, ids, lineage),
  );
  if (!any) throw caseErrors.notYourCase();
}

// ---------------------------------------------------------------------------------------------
// Materials

/** Attach an uploaded file (already in the blob store) as a material of the case. */
export async function attachUpload(
  tx: Tx,
  context: RequestContext,
  caller: Principal,
  caseId: string,
  materialKey: string,
  blob: { sha256: string; size: number; mediaType: string; fileName: string },
) {
  const row = await lockCaseFor(tx, caseId, (found) => assertApplicantOrWindow(tx, caller, found));
  const content = await versionContent(tx, row.versionId);
  const material = content.materials.find((m) => m.key === materialKey);
  if (!material) throw caseErrors.materialUnknown(materialKey, 'params.key');
  const saved = await repo.upsertMaterial(tx, {
    caseId,
    materialKey,
    name: material.name,
    source: 'upload',
    blobSha256: blob.sha256,
    fileName: blob.fileName,
    mediaType: blob.mediaType,
    size: blob.size,
  });
  await recordEvent(tx, context, caller, row, 'material', {
    materialKey,
    source: 'upload',
    sha256: blob.sha256,
  });
  return saved;
}

/**
 * 免提交: reference the applicant's e-licence or a shared data item instead of an upload, where the
 * item's material allows it; recorded as such so supervision counts the material saved.
 */
export async function reuseMaterial(
  tx: Tx,
  context: RequestContext,
  engine: CaseEngine,
  caller: Principal,
  caseId: string,
  materialKey: string,
) {
  const row = await lockCaseFor(tx, caseId, (found) => assertApplicantOrWindow(tx, caller, found));
  const content = await versionContent(tx, row.versionId);
  const material = content.materials.find((m) => m.key === materialKey);
  if (!material) throw caseErrors.materialUnknown(materialKey, 'params.key');
  const holder = engine.cipher.decrypt(row.applicantIdentifierEncrypted);
  let hit: { reference: string; title: string } | undefined;
  let source: 'licence' | 'shared_data';
  if (material.licenceTypeCode) {
    source = 'licence';
    hit = await engine.sources.findLicence(tx, holder, material.licenceTypeCode, {
      caseId,
      materialKey,
      actor: caller,
      context,
    });
  } else if (material.sharedDataItem) {
    source = 'shared_data';
    hit = await engine.sources.findSharedData(tx, holder, material.sharedDataItem);
  } else {
    throw caseErrors.materialNotReusable(materialKey, 'params.key');
  }
  if (!hit) throw caseErrors.reuseNotFound('params.key');
  const saved = await repo.upsertMaterial(tx, {
    caseId,
    materialKey,
    name: material.name,
    source,
    reference: hit.reference,
    fileName: hit.title,
  });
  await recordEvent(tx, context, caller, row, 'material', { materialKey, source, reference: hit.reference });
  return saved;
}

async function assertApplicantOrWindow(db: Db, caller: Principal, row: repo.CaseRow) {
  if (isApplicantOf(caller, row)) return;
  const lineage = (await org.regionLineage(db, row.regionCode)) ?? [];
  if (!mayActFor(caller, casePermissions.window, [row.departmentId], lineage)) throw caseErrors.notYourCase();
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A case as its applicant or staff sees it: status, step, both deadlines, what may happen next. */
export async function caseView(
  db: Db,
  engine: CaseEngine,
  row: repo.CaseRow,
  audience: 'applicant' | 'staff',
  /** Who looks: staff are told which of the allowed actions are theirs (`yourActions`). */
  caller?: Principal,
  /** The case's log, materials and notices when the caller has them (a case it just created). */
  known?: Awaited<ReturnType<typeof repo.caseRecords>>,
) {
  const content = await versionContent(db, row.versionId);
  const { actions, materials, notices } =
    known ?? (await repo.caseRecords(db, row.id, audience === 'applicant'));
  const step = row.stepIndex === null ? null : (content.process.steps[row.stepIndex] ?? null);
  const identifier = engine.cipher.decrypt(row.applicantIdentifierEncrypted);
  const allowed = allowedActions(row.status, { ...EMPTY_PROGRESS, ...row.facts });
  const lineage = caller ? ((await org.regionLineage(db, row.regionCode)) ?? [row.regionCode]) : [];
  const yourActions = caller ? actionsOf(caller, allowed, { row, content, lineage }) : [];
  // Staff who reach the case only through having taken part (a joint department after its step).
  const readOnly =
    caller?.kind === 'staff' &&
    !Object.values(casePermissions).some((permission) =>
      mayActFor(caller, permission, [row.departmentId, ...row.handlerDepartmentIds], lineage),
    );
  const pendingExtension = audience === 'staff' ? extensionRequestOf(actions) : undefined;
  return {
    id: row.id,
    applicationNumber: row.applicationNumber,
    caseNumber: row.caseNumber,
    implementationCode: row.implementationCode,
    itemName: row.itemName,
    versionId: row.versionId,
    regionCode: row.regionCode,
    departmentId: row.departmentId,
    status: row.status,
    revision: row.revision,
    channel: row.channel,
    applicant: {
      kind: row.applicantKind,
      name: row.applicantName,
      identifier: row.applicantKind === 'person' ? maskCitizenId(identifier) : identifier,
    },
    form: row.form,
    step: step && {
      key: step.key,
      name: step.name,
      kind: step.kind,
      due: row.stepDue,
      startedOn: row.stepStartedOn,
    },
    jointOpinions: row.jointOpinions,
    jointRounds: actions.flatMap((a) => {
      const round = (
        a.details as { jointRound?: { stepKey: string; stepName: string; opinions: JointOpinion[] } }
      ).jointRound;
      return a.action === 'review' && round ? [{ ...round, completedAt: a.occurredAt.toISOString() }] : [];
    }),
    extensionRequest: pendingExtension ?? null,
    corrections: row.corrections,
    deferredMaterials: row.deferredMaterials,
    clocks: {
      receivedOn: row.receivedOn,
      completenessDue: row.completenessDue,
      deemedAccepted: row.deemedAccepted,
      acceptedOn: row.acceptedOn,
      legalLimitDays: row.legalLimitDays,
      promisedLimitDays: row.promisedLimitDays,
      extensionDays: row.extensionDays,
      pausedDays: row.pausedDays,
      suspendedOn: row.suspendedOn,
      legalDue: row.legalDue,
      promisedDue: row.promisedDue,
      decidedOn: row.decidedOn,
      deliveryDue: row.deliveryDue,
      warningLevel: levelOn(todaysBands(engine), row.warningDue),
    },
    materials: content.materials.map((m) => {
      const provided = materials.find((p) => p.materialKey === m.key);
      return {
        key: m.key,
        name: m.name,
        necessity: m.necessity,
        provided: provided
          ? {
              source: provided.source,
              fileName: provided.fileName,
              reference: provided.reference,
              providedAt: provided.providedAt.toISOString(),
            }
          : null,
      };
    }),
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      documentNumber: n.documentNumber,
      issuedAt: n.issuedAt.toISOString(),
    })),
    timeline: actions.map((a) => ({
      seq: a.seq,
      action: a.action,
      label: CASE_ACTIONS[a.action as CaseAction] ?? EVENT_LABELS[a.action] ?? a.action,
      status: a.toStatus,
      at: a.occurredAt.toISOString(),
      actorKind: a.actorKind,
      details: audience === 'staff' || PUBLIC_DETAIL_ACTIONS.has(a.action) ? a.details : {},
    })),
    allowedActions: allowed,
    yourActions,
    readOnly,
    assigneeId: audience === 'staff' ? row.assigneeId : null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/**
 * The allowed actions the caller may take (the same access rule `act` applies): the desk offers
 * these, and none to staff who only read the case (a joint department after its opinion).
 */
function actionsOf(caller: Principal, allowed: readonly CaseAction[], s: Situation): CaseAction[] {
  if (caller.kind !== 'staff') return [];
  const atDecision = Boolean(s.row.facts.atDecision);
  return allowed.filter((action) => {
    // The machine allows a decision from `accepted`; the engine refuses it while review steps remain.
    if ((action === 'approve' || action === 'refuse') && !atDecision) return false;
    const decided = authorization(caller, action, s);
    if ('refusal' in decided) return false;
    if (action === 'review' && s.row.jointOpinions.length > 0)
      return s.row.jointOpinions.some((o) => o.departmentId === decided.departmentId && o.opinion === null);
    return true;
  });
}

const EVENT_LABELS: Record<string, string> = {
  // Logs written before the extension became a request and an approval.
  extend: '延长期限',
  claim: '认领',
  assign: '转办',
  comment: '备注',
  pre_review_pass: '预审通过',
  material: '提交材料',
};
/** Actions whose details the applicant reads (dates, reasons, corrections), not internal opinions. */
const PUBLIC_DETAIL_ACTIONS: ReadonlySet<string> = new Set([
  'submit',
  'resubmit',
  'request_correction',
  'accept',
  'accept_with_deficiency',
  'refuse_acceptance',
  'suspend',
  'resume',
  'extend',
  'approve_extension',
  'approve',
  'refuse',
  'deliver',
  'material',
]);

export type CaseView = Awaited<ReturnType<typeof caseView>>;

/** A case the caller may see: its applicant, or staff whose scope reaches it. */
export async function getCaseFor(
  db: Db,
  caller: Principal,
  caseId: string,
): Promise<{ row: repo.CaseRow; audience: 'applicant' | 'staff' }> {
  const row = await repo.findCase(db, caseId);
  if (!row) throw caseErrors.notFound();
  if (isApplicantOf(caller, row)) return { row, audience: 'applicant' };
  await assertStaffReads(db, caller, row);
  return { row, audience: 'staff' };
}

/**
 * Staff read a case their scope reaches now, or one their department took part in (a joint
 * department after its opinion, a step already passed): read only, no action is theirs.
 */
async function assertStaffReads(db: Db, caller: Principal, row: repo.CaseRow) {
  const lineage = (await org.regionLineage(db, row.regionCode)) ?? [];
  const reaches = (ids: readonly string[]) =>
    Object.values(casePermissions).some((permission) => mayActFor(caller, permission, ids, lineage));
  if (reaches([row.departmentId, ...row.handlerDepartmentIds])) return;
  if (caller.kind === 'staff' && reaches(await repo.actingDepartments(db, row.id))) return;
  throw caseErrors.notYourCase();
}

/**
 * The stored file of an uploaded material, for the applicant and for staff in scope (the workbench's
 * materials viewer). Materials given by reference (an e-licence, shared data) have no file.
 */
export async function getMaterialFile(
  db: Db,
  caller: Principal,
  caseId: string,
  materialKey: string,
): Promise<{ sha256: string; mediaType: string; fileName: string }> {
  await getCaseFor(db, caller, caseId);
  const material = (await repo.listMaterials(db, caseId)).find((m) => m.materialKey === materialKey);
  if (!material?.blobSha256) throw caseErrors.materialNotProvided(materialKey, 'params.key');
  return {
    sha256: material.blobSha256,
    mediaType: material.mediaType ?? 'application/octet-stream',
    fileName: material.fileName ?? materialKey,
  };
}

/** 办件查询 without an account: the case or application number and the applicant's ID number. */
export async function lookup(db: Db, engine: CaseEngine, number: string, identifier: string) {
  const row = await repo.findByCaseNumber(db, number.trim(), engine.cipher.blindIndex(identifier.trim()));
  if (!row) throw caseErrors.lookupFailed();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Notices (文书)

/**
 * The facts of a notice as issued, for rendering: the stored content plus the case, the issuing
 * department, and where to seek remedies (行政复议 at the people's government of the department's
 * region, 行政诉讼 at that region's court).
 */
export async function noticeDocument(db: Db, row: repo.CaseRow, noticeId: string): Promise<Notice> {
  const notice = await repo.findNotice(db, row.id, noticeId);
  if (!notice) throw caseErrors.noticeNotFound();
  const [content, department, region] = await Promise.all([
    versionContent(db, row.versionId),
    org.findDepartment(db, row.departmentId),
    org.getRegion(db, row.regionCode),
  ]);
  // 杭州市西湖区: the city, then the county; a province or city department stands alone.
  const city =
    region.level === 'province' || region.level === 'city'
      ? undefined
      : region.path.find((r) => r.level === 'city');
  const place = `${city?.name ?? ''}${region.name}`;
  const c = notice.content;
  const base = {
    documentNumber: notice.documentNumber,
    applicantName: row.applicantName,
    itemName: row.itemName,
    departmentName: department?.name ?? '',
    issuedDate: chinaDate(notice.issuedAt),
  };
  const remedies = { reviewBody: `${place}人民政府`, court: `${place}人民法院` };
  const phone = content.guide.consultation.phone;
  switch (notice.kind) {
    case 'acceptance':
      return {
        ...base,
        kind: 'acceptance',
        caseNumber: row.caseNumber ?? '',
        receivedDate: row.receivedOn ?? '',
        acceptedDate: row.acceptedOn ?? '',
        legalTimeLimitDays: row.legalLimitDays ?? 0,
        legalDueDate: String(c.legalDue ?? ''),
        promisedTimeLimitDays: row.promisedLimitDays ?? 0,
        promisedDueDate: String(c.promisedDue ?? ''),
        deferredMaterials: ((c.deferredMaterials ?? []) as DeferredMaterial[]).map((m) => ({
          name: m.name,
          dueDate: m.due,
        })),
        contactPhone: phone,
      };
    case 'correction': {
      const names = new Map<string, string>([
        ...content.materials.map((m) => [m.key, m.name] as [string, string]),
        ...Object.entries(content.form?.properties ?? {}).map(
          ([key, field]) => [key, field.title] as [string, string],
        ),
      ]);
      return {
        ...base,
        kind: 'correction',
        applicationNumber: row.applicationNumber,
        receivedDate: row.receivedOn ?? '',
        corrections: ((c.corrections ?? []) as Correction[]).map((line) => ({
          subject: names.get(line.subject) ?? line.subject,
          reason: line.reason,
        })),
        contactPhone: phone,
      };
    }
    case 'extension':
      return {
        ...base,
        kind: 'extension',
        caseNumber: row.caseNumber ?? '',
        acceptedDate: row.acceptedOn ?? '',
        extensionDays: Number(c.extensionDays ?? 0),
        previousDueDate: String(c.previousDue ?? ''),
        legalDueDate: String(c.legalDue ?? ''),
        reason: String(c.reason ?? ''),
        contactPhone: phone,
      };
    case 'nonAcceptance':
      return {
        ...base,
        ...remedies,
        kind: 'nonAcceptance',
        applicationNumber: row.applicationNumber,
        receivedDate: row.receivedOn ?? '',
        reason: String(c.reason ?? ''),
        legalBasis: String(c.legalBasis ?? ''),
      };
    default:
      return {
        ...base,
        ...remedies,
        kind: 'decision',
        outcome: c.outcome === 'approve' ? 'approve' : 'refuse',
        caseNumber: row.caseNumber ?? '',
        acceptedDate: row.acceptedOn ?? '',
        decisionDate: row.decidedOn ?? chinaDate(notice.issuedAt),
        content: typeof c.content === 'string' ? c.content : undefined,
        reasons: typeof c.reasons === 'string' ? c.reasons : undefined,
        legalBasis:
          typeof c.legalBasis === 'string' && c.legalBasis
            ? c.legalBasis
            : content.guide.legalTimeLimit.kind === 'immediate'
              ? ''
              : '《中华人民共和国行政许可法》第三十八条',
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Scheduled work

/**
 * 第32条: an application whose completeness was not decided within 5 working days counts as accepted
 * on the day it was received. Accepted by the platform and flagged for supervision.
 */
export async function acceptOverdueApplications(
  db: Db,
  engine: CaseEngine,
  withTx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
) {
  const today = chinaDate(engine.now());
  const system: Principal = {
    id: 'cases.completeness',
    kind: 'system',
    name: '平台',
    permissions: new Set(),
  };
  const context: RequestContext = { actor: { kind: 'system', id: system.id }, requestId: null };
  let accepted = 0;
  for (const row of await repo.overdueCompleteness(db, today, 500)) {
    await withTx((tx) => act(tx, context, engine, system, row.id, 'accept', { acceptedOnArrival: true }));
    accepted += 1;
  }
  return accepted;
}

/** 容缺: a case whose committed material is overdue goes back to the applicant; everyone is told. */
export async function returnOverdueDeferrals(
  db: Db,
  engine: CaseEngine,
  withTx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
) {
  const today = chinaDate(engine.now());
  const system: Principal = { id: 'cases.deferrals', kind: 'system', name: '平台', permissions: new Set() };
  const context: RequestContext = { actor: { kind: 'system', id: system.id }, requestId: null };
  const rows = await repo.overdueDeferrals(db, today, 500);
  for (const row of rows)
    await withTx((tx) => act(tx, context, engine, system, row.id, 'return_deficient', {}));
  return rows.length;
}
