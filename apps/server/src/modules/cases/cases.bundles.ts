import { eq } from 'drizzle-orm';
import { caseBundleApplications } from '../../db/schema/cases.js';
import type { Principal } from '../../platform/access.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import type { Db, Tx } from '../../platform/database.js';
import { unprocessable } from '../../platform/errors.js';
import type { FormSchema, Material } from '../catalogue/catalogue.model.js';
import type { GuideResponse } from '../catalogue/catalogue.schemas.js';
import * as catalogue from '../catalogue/catalogue.service.js';
import { caseErrors } from './cases.errors.js';
import { CASE_STATUSES, type CaseStatus, TERMINAL_STATUSES } from './cases.machine.js';
import * as repo from './cases.repo.js';
import { type ApplicantInput, act, apply, attachUpload, type CaseEngine } from './cases.service.js';

export type BundleApplicationRow = typeof caseBundleApplications.$inferSelect;

/** One member item of a bundle as offered in a region: the entry that delivers it there. */
interface Member {
  basicCode: string;
  condition: string | null;
  guide: GuideResponse | undefined;
}

const bundleErrors = {
  memberUnknown: (basicCode: string, index: number) =>
    unprocessable('CASE_BUNDLE_MEMBER_UNKNOWN', `事项 ${basicCode} 不属于该一件事`, {
      field: `body.members.${index}`,
    }),
  memberUnavailable: (name: string) =>
    unprocessable('CASE_BUNDLE_MEMBER_UNAVAILABLE', `“${name}”在该地区尚未发布，暂不能一件事联办`, {
      field: 'body.regionCode',
    }),
  notFound: () => caseErrors.notFound(),
};

async function membersIn(db: Db, bundleCode: string, regionCode: string) {
  const bundle = await catalogue.getBundle(db, bundleCode);
  const members: Member[] = [];
  for (const item of bundle.items) {
    const guide = await catalogue.getGuide(db, item.basicCode, regionCode).catch(() => undefined);
    members.push({ basicCode: item.basicCode, condition: item.condition, guide });
  }
  return { bundle, members };
}

/**
 * 一表申请: the combined form of a bundle in a region. Fields are shared facts named the same in
 * every member's form (enterpriseName, creditCode …), so each is asked once; a field is required
 * when a chosen member requires it. Each material is listed once with the members that need it.
 */
export async function bundleForm(db: Db, bundleCode: string, regionCode: string) {
  const { bundle, members } = await membersIn(db, bundleCode, regionCode);
  const properties: FormSchema['properties'] = {};
  const materials = new Map<string, { material: Material; members: string[] }>();
  for (const member of members) {
    if (!member.guide) continue;
    for (const [name, field] of Object.entries(member.guide.form?.properties ?? {}))
      properties[name] ??= field;
    for (const material of member.guide.materials) {
      const entry = materials.get(material.key) ?? { material, members: [] };
      entry.members.push(member.basicCode);
      materials.set(material.key, entry);
    }
  }
  return {
    code: bundle.code,
    name: bundle.name,
    regionCode,
    members: members.map((m) => ({
      basicCode: m.basicCode,
      name: m.guide?.name ?? bundle.items.find((i) => i.basicCode === m.basicCode)?.name ?? m.basicCode,
      condition: m.condition,
      available: Boolean(m.guide),
      implementationCode: m.guide?.implementationCode ?? null,
      department: m.guide?.department.name ?? null,
      fields: Object.keys(m.guide?.form?.properties ?? {}),
      required: m.guide?.form?.required ?? [],
    })),
    form: { type: 'object' as const, title: `${bundle.name}申请表`, properties, required: [] as string[] },
    materials: [...materials.values()].map(({ material, members: usedBy }) => ({
      key: material.key,
      name: material.name,
      necessity: material.necessity,
      sourceChannel: material.sourceChannel,
      usedBy,
    })),
  };
}

export interface BundleApplyInput {
  bundleCode: string;
  regionCode: string;
  /** Conditional members chosen (条件项); the unconditional ones are always included. */
  members?: string[];
  form: Record<string, unknown>;
  applicant: ApplicantInput;
  submit?: boolean;
}

/**
 * One application for a bundle, fanned out into a case per member item in its own department, on
 * its own clock: each case gets the facts of the combined form its item's form asks for.
 */
export async function applyBundle(
  tx: Tx,
  context: RequestContext,
  engine: CaseEngine,
  caller: Principal,
  input: BundleApplyInput,
): Promise<BundleApplicationRow> {
  const { bundle, members } = await membersIn(tx, input.bundleCode, input.regionCode);
  (input.members ?? []).forEach((code, index) => {
    if (!members.some((m) => m.basicCode === code)) throw bundleErrors.memberUnknown(code, index);
  });
  const chosen = members.filter((m) => m.condition === null || (input.members ?? []).includes(m.basicCode));
  for (const member of chosen) {
    if (!member.guide)
      throw bundleErrors.memberUnavailable(
        bundle.items.find((i) => i.basicCode === member.basicCode)?.name ?? member.basicCode,
      );
  }
  const [row] = await tx
    .insert(caseBundleApplications)
    .values({
      bundleCode: bundle.code,
      bundleName: bundle.name,
      regionCode: input.regionCode,
      applicantAccountId: caller.id,
      applicantName: input.applicant.name,
      form: input.form,
      members: chosen.map((m) => m.basicCode),
    })
    .returning();
  if (!row) throw new Error('insert into case_bundle_applications returned nothing');
  for (const member of chosen) {
    const guide = member.guide as GuideResponse;
    const fields = Object.keys(guide.form?.properties ?? {});
    const form = Object.fromEntries(Object.entries(input.form).filter(([name]) => fields.includes(name)));
    await apply(tx, context, engine, caller, {
      implementationCode: guide.implementationCode,
      form,
      applicant: input.applicant,
      submit: false,
      bundleApplicationId: row.id,
    });
  }
  await recordAudit(tx, context, {
    action: 'cases.bundle.apply',
    entityType: 'case_bundle_application',
    entityId: row.id,
    after: { bundleCode: row.bundleCode, members: row.members },
  });
  if (input.submit !== false) await submitBundle(tx, context, engine, caller, row.id);
  return row;
}

async function getOwnBundle(db: Db, caller: Principal, id: string): Promise<BundleApplicationRow> {
  const [row] = await db.select().from(caseBundleApplications).where(eq(caseBundleApplications.id, id));
  if (!row) throw bundleErrors.notFound();
  if (row.applicantAccountId !== caller.id) throw caseErrors.notYourCase();
  return row;
}

/** Submit every member case at once: the applicant sees one application. */
export async function submitBundle(
  tx: Tx,
  context: RequestContext,
  engine: CaseEngine,
  caller: Principal,
  id: string,
) {
  const row = await getOwnBundle(tx, caller, id);
  for (const member of await repo.casesOfBundle(tx, row.id))
    if (member.status === 'draft') await act(tx, context, engine, caller, member.id, 'submit', {});
  return row;
}

/** A material uploaded once for the bundle goes to every member case whose item asks for it. */
export async function attachBundleUpload(
  tx: Tx,
  context: RequestContext,
  caller: Principal,
  id: string,
  materialKey: string,
  blob: { sha256: string; size: number; mediaType: string; fileName: string },
): Promise<number> {
  const row = await getOwnBundle(tx, caller, id);
  let attached = 0;
  for (const member of await repo.casesOfBundle(tx, row.id)) {
    const content = (await catalogue.getEntryVersion(tx, member.versionId)).content;
    if (!content.materials.some((m) => m.key === materialKey)) continue;
    await attachUpload(tx, context, caller, member.id, materialKey, blob);
    attached += 1;
  }
  if (attached === 0) throw caseErrors.materialUnknown(materialKey, 'params.key');
  return attached;
}

/**
 * The bundle's one status: draft until submitted; needing the applicant when any member does;
 * completed when every member has ended (办结), in progress otherwise.
 */
export function bundleStatus(
  statuses: readonly CaseStatus[],
): 'draft' | 'correction_required' | 'in_progress' | 'completed' {
  if (statuses.every((s) => s === 'draft')) return 'draft';
  if (statuses.some((s) => s === 'correction_required')) return 'correction_required';
  if (statuses.every((s) => TERMINAL_STATUSES.has(s))) return 'completed';
  return 'in_progress';
}

/** The combined view: one application, each member's case, one result list. */
export async function bundleView(db: Db, caller: Principal, id: string) {
  const row = await getOwnBundle(db, caller, id);
  const members = await repo.casesOfBundle(db, row.id);
  return {
    id: row.id,
    bundleCode: row.bundleCode,
    bundleName: row.bundleName,
    regionCode: row.regionCode,
    status: bundleStatus(members.map((m) => m.status)),
    form: row.form,
    createdAt: row.createdAt.toISOString(),
    members: members.map((m) => ({
      caseId: m.id,
      applicationNumber: m.applicationNumber,
      caseNumber: m.caseNumber,
      itemName: m.itemName,
      implementationCode: m.implementationCode,
      departmentId: m.departmentId,
      status: m.status,
      statusLabel: CASE_STATUSES[m.status],
      promisedDue: m.promisedDue,
      completedAt: m.completedAt?.toISOString() ?? null,
    })),
  };
}
