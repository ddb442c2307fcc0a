import type { Principal } from '../../platform/access.js';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Db, Tx } from '../../platform/database.js';
import type { ReuseHit, ReuseRequest, ReuseSources } from '../cases/cases.ports.js';
import * as cases from '../cases/cases.service.js';
import { accountClaims } from '../identity/identity.accounts.js';
import { contentDigest, signedText, sm2Verify } from './licences.crypto.js';
import { licenceErrors } from './licences.errors.js';
import { USAGE_GRADES, type UsageGrade, VERIFY_REASONS, type VerifyReason } from './licences.model.js';
import * as repo from './licences.repo.js';
import { checkDocument, documentOf, type LicenceDeps, licenceSummary } from './licences.service.js';

/**
 * 免提交 and 用证: the e-licence library as the case engine's reuse source, the holder's wallet, the
 * record of every use, and the sharing interface for department systems.
 */

/** Whether a stored licence still carries its seal's valid signature over exactly its content. */
function signatureHolds(row: repo.LicenceRow, seal: repo.SealRow, deps: LicenceDeps): boolean {
  const document = documentOf(row, deps.cipher);
  return (
    document.licence.sealCode === seal.code &&
    contentDigest(document.licence) === row.digest &&
    sm2Verify(signedText(document.licence), document.signature.value, seal.publicKey)
  );
}

interface Reusable {
  identifier: string;
  title: string;
  validUntil: string | null;
}

const reusableOf = (row: repo.LicenceRow): Reusable => ({
  identifier: row.identifier,
  // What the case file shows: the licence, its holder, and that the library verified it.
  title: `${row.typeName}（${row.holderName}）· 电子证照已核验`,
  validUntil: row.validUntil,
});

/**
 * The e-licence library (电子证照库) as the case engine's `ReuseSources`: the holder's valid licence
 * of a type — status valid, within validity, its seal not revoked and its signature intact — read in
 * the case's own transaction. A hit for a case is recorded as a use (grade A by the applicant's side,
 * B by a clerk at the window), visible to the holder.
 */
export class LicenceLibrary implements ReuseSources {
  /** Whether a licence version's signature holds, verified once per process. */
  private readonly verified = new Map<string, boolean>();

  constructor(
    private readonly options: {
      deps: LicenceDeps;
      /** Answers for what the library does not hold (shared data until the exchange module exists). */
      fallback?: ReuseSources;
    },
  ) {}

  /** Valid status, seal not revoked, signature intact (verified once per licence version). */
  private usable(row: repo.LicenceRow, seal: repo.SealRow | undefined): boolean {
    if (row.status !== 'valid' || !seal || seal.status === 'revoked') return false;
    let holds = this.verified.get(row.identifier);
    if (holds === undefined) {
      holds = signatureHolds(row, seal, this.options.deps);
      this.verified.set(row.identifier, holds);
    }
    return holds;
  }

  async findLicence(
    db: Db | Tx,
    holderIdentifier: string,
    licenceTypeCode: string,
    use?: ReuseRequest,
  ): Promise<ReuseHit | undefined> {
    const { deps } = this.options;
    const today = chinaDate(deps.now());
    const holderIndex = deps.cipher.blindIndex(holderIdentifier);
    const rows = await repo.holderLicences(db, holderIndex, {
      typeCode: licenceTypeCode,
      currentOnly: false,
    });
    for (const row of rows) {
      if (row.validUntil !== null && row.validUntil < today) continue;
      if (!this.usable(row, await repo.findSeal(db, row.sealId))) continue;
      if (use) await recordUse(db as Tx, use, row, true);
      return reusableHit(row);
    }
    // The fallback answers only for holders the library knows nothing of (of this type): a licence
    // suspended, revoked or expired here is never replaced by another source's answer.
    if (rows.length > 0) return undefined;
    return this.options.fallback?.findLicence(db, holderIdentifier, licenceTypeCode, use);
  }

  findSharedData(db: Db | Tx, holderIdentifier: string, dataItem: string): Promise<ReuseHit | undefined> {
    return (
      this.options.fallback?.findSharedData(db, holderIdentifier, dataItem) ?? Promise.resolve(undefined)
    );
  }
}

/** 用证记录: who used which licence for which case, with the grade (A applicant's side, B a clerk). */
async function recordUse(tx: Tx, use: ReuseRequest, row: repo.LicenceRow, consent: boolean) {
  const grade: UsageGrade = use.actor.kind === 'staff' ? 'B' : 'A';
  const inserted = await repo.insertUse(tx, {
    licenceId: row.id,
    identifier: row.identifier,
    holderIndex: row.holderIndex,
    caseId: use.caseId,
    materialKey: use.materialKey,
    grade,
    consent,
    actorKind: use.actor.kind,
    actorId: use.actor.id,
    actorName: use.actor.name,
    agentName: use.actor.agent?.name ?? null,
  });
  await recordAudit(tx, use.context, {
    action: 'licence.use',
    entityType: 'licence',
    entityId: row.identifier,
    after: { caseId: use.caseId, materialKey: use.materialKey, grade },
  });
  return inserted;
}

// ---------------------------------------------------------------------------------------------
// Using a licence in an application (用证)

export interface UseInput {
  caseId: string;
  materialKey: string;
  identifier: string;
  /** The holder's consent to this use (授权用证). */
  consent: boolean;
}

/** A licence use as the holder and the case's staff see it. */
export function useView(row: repo.UseRow) {
  return {
    id: row.id,
    identifier: row.identifier,
    caseId: row.caseId,
    materialKey: row.materialKey,
    grade: row.grade as UsageGrade,
    gradeLabel: USAGE_GRADES[row.grade as UsageGrade],
    consent: row.consent,
    usedBy: { kind: row.actorKind, name: row.actorName, agentName: row.agentName },
    usedAt: row.usedAt.toISOString(),
  };
}

/**
 * 用证: the applicant (or the window for them) chooses a licence for a material of their case. The
 * licence must be the case applicant's, of the type the material names, and usable now; the case
 * records the material as provided from the library (免提交) and the use is logged for the holder,
 * in the same transaction. Grade A when the applicant's side uses it directly from the library,
 * B when a clerk does it for them at the window.
 */
export async function useLicence(
  tx: Tx,
  context: RequestContext,
  deps: LicenceDeps,
  engine: cases.CaseEngine,
  caller: Principal,
  input: UseInput,
) {
  if (!input.consent) throw licenceErrors.consentRequired();
  const row = await repo.findLicence(tx, input.identifier);
  if (!row) throw licenceErrors.notFound('body.identifier');
  const { reason } = await checkDocument(tx, deps, documentOf(row, deps.cipher));
  if (reason) throw licenceErrors.notUsable(VERIFY_REASONS[reason]);
  const holder = deps.cipher.decrypt(row.holderIdentifierEncrypted);
  // The case engine asks for the applicant's licence of the material's type: only this one answers,
  // and the engine's request is recorded as the use.
  let recorded: repo.UseRow | undefined;
  const chosen: ReuseSources = {
    findLicence: async (db, holderIdentifier, typeCode, use) => {
      if (holderIdentifier !== holder || typeCode !== row.typeCode) return undefined;
      if (use) recorded = await recordUse(db as Tx, use, row, true);
      return reusableHit(row);
    },
    findSharedData: async () => undefined,
  };
  const material = await cases.reuseMaterial(
    tx,
    context,
    { ...engine, sources: chosen },
    caller,
    input.caseId,
    input.materialKey,
  );
  if (!recorded) throw new Error('the case engine did not record the use of the chosen licence');
  const use = recorded;
  return {
    use: useView(use),
    material: { source: material.source, reference: material.reference, fileName: material.fileName },
  };
}

const reusableHit = (row: repo.LicenceRow): ReuseHit => {
  const reusable = reusableOf(row);
  return { reference: reusable.identifier, title: reusable.title };
};

/**
 * The licences used in a case, verified now, with their data: what the case's staff (and its
 * applicant) see. Whoever may read the case may read these.
 */
export async function caseLicences(db: Db, deps: LicenceDeps, caller: Principal, caseId: string) {
  await cases.getCaseFor(db, caller, caseId);
  const uses = await repo.caseUses(db, caseId);
  const result = [];
  for (const use of uses) {
    const row = await repo.findLicenceById(db, use.licenceId);
    if (!row) continue;
    const document = documentOf(row, deps.cipher);
    const { reason } = await checkDocument(db, deps, document);
    result.push({
      use: useView(use),
      licence: licenceSummary(row, deps.cipher),
      data: document.licence.data,
      verification: {
        valid: reason === null,
        reason: reason ?? undefined,
        message: reason ? VERIFY_REASONS[reason] : '证照真实有效',
      },
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The holder's wallet (我的证照)

/**
 * The identifier whose licences a principal holds: a person's citizen ID, an enterprise's credit
 * code (also when its authorized agent acts for it). Undefined for staff, systems and principals
 * without an account.
 */
export async function walletHolder(
  db: Db,
  deps: LicenceDeps,
  principal: Principal,
): Promise<string | undefined> {
  if (principal.kind !== 'person' && principal.kind !== 'enterprise') return undefined;
  const claims = await accountClaims(db, deps, principal.id);
  if (!claims || claims.account_kind !== principal.kind) return undefined;
  return principal.kind === 'person' ? claims.id_number : claims.credit_code;
}

export async function walletLicences(db: Db, deps: LicenceDeps, principal: Principal) {
  const holder = await walletHolder(db, deps, principal);
  if (!holder) return [];
  return repo.holderLicences(db, deps.cipher.blindIndex(holder));
}

/** One licence of the caller's wallet (any version), or LICENCE_NOT_HOLDER. */
export async function walletLicence(db: Db, deps: LicenceDeps, principal: Principal, identifier: string) {
  const row = await repo.findLicence(db, identifier);
  if (!row) throw licenceErrors.notFound();
  const holder = await walletHolder(db, deps, principal);
  if (!holder || deps.cipher.blindIndex(holder) !== row.holderIndex) throw licenceErrors.notHolder();
  return row;
}

export async function walletUses(db: Db, deps: LicenceDeps, principal: Principal) {
  const holder = await walletHolder(db, deps, principal);
  if (!holder) return [];
  return (await repo.holderUses(db, deps.cipher.blindIndex(holder))).map(useView);
}

// ---------------------------------------------------------------------------------------------
// Sharing interface (共享接口) for department systems

async function logCall(
  db: Db,
  context: RequestContext,
  entry: { operation: string; holderIndex?: string; typeCode?: string; identifier?: string; results: number },
) {
  await repo.logShare(db, {
    clientKind: context.actor.kind,
    clientId: context.actor.id,
    operation: entry.operation,
    holderIndex: entry.holderIndex ?? null,
    typeCode: entry.typeCode ?? null,
    identifier: entry.identifier ?? null,
    results: entry.results,
    requestId: context.requestId,
  });
}

/** A holder's current licences (of one type, if given), each with its signed document; logged. */
export async function shareQuery(
  db: Db,
  deps: LicenceDeps,
  context: RequestContext,
  query: { holderIdentifier: string; typeCode?: string },
) {
  const holderIndex = deps.cipher.blindIndex(query.holderIdentifier.trim());
  const rows = await repo.holderLicences(db, holderIndex, query.typeCode ? { typeCode: query.typeCode } : {});
  await logCall(db, context, {
    operation: 'query',
    holderIndex,
    ...(query.typeCode ? { typeCode: query.typeCode } : {}),
    results: rows.length,
  });
  return rows.map((row) => ({
    summary: licenceSummary(row, deps.cipher),
    document: documentOf(row, deps.cipher),
  }));
}

/** One licence by identifier with its signed document; logged, also when there is none. */
export async function shareFetch(db: Db, deps: LicenceDeps, context: RequestContext, identifier: string) {
  const row = await repo.findLicence(db, identifier);
  await logCall(db, context, { operation: 'fetch', identifier, results: row ? 1 : 0 });
  if (!row) throw licenceErrors.notFound();
  return { summary: licenceSummary(row, deps.cipher), document: documentOf(row, deps.cipher) };
}

export async function shareLog(db: Db, limit: number) {
  return (await repo.shareLog(db, limit)).map((entry) => ({
    seq: entry.seq,
    clientKind: entry.clientKind,
    clientId: entry.clientId,
    operation: entry.operation,
    typeCode: entry.typeCode,
    identifier: entry.identifier,
    results: entry.results,
    requestId: entry.requestId,
    occurredAt: entry.occurredAt.toISOString(),
  }));
}

export type { VerifyReason };
