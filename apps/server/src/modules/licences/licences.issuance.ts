import type { Principal } from '../../platform/access.js';
import { systemContext } from '../../platform/audit.js';
import { chinaDate } from '../../platform/china-time.js';
import { type Db, withTransaction } from '../../platform/database.js';
import type { OutboxRelay } from '../../platform/outbox.js';
import * as cases from '../cases/cases.service.js';
import { getEntryVersion } from '../catalogue/catalogue.service.js';
import type { LicenceData } from './licences.model.js';
import * as repo from './licences.repo.js';
import { getType, issueLicence, type LicenceDeps } from './licences.service.js';

/** The outbox topic the case engine's production step (制证) writes. */
export const LICENCE_PRODUCED_TOPIC = 'cases.licence-produced';

export interface LicenceProducedMessage {
  caseId: string;
  caseNumber: string | null;
  licenceNumber: string;
  versionId: string;
}

/**
 * The licence library reads the case it issues for as the platform itself: a staff principal without
 * scope that holds only the supervision permission (read every case, change none).
 */
const ISSUANCE_READER: Principal = {
  id: 'system:licences',
  kind: 'staff',
  name: '电子证照库',
  permissions: new Set(['cases.supervise']),
};

/**
 * Issue the e-licence of a case whose licence was produced (制证): the item's result names the
 * licence type; the holder is the applicant; the data come from the application form where the
 * type's fields are named alike, the rest point to the case. Idempotent (a case gets one licence);
 * a department without an active seal makes the outbox retry until it has one.
 */
export async function issueForCase(
  db: Db,
  deps: LicenceDeps,
  message: LicenceProducedMessage,
  requestId: string | null,
): Promise<string | null> {
  const existing = await repo.findCaseLicence(db, message.caseId);
  if (existing) return existing.identifier;
  const { row } = await cases.getCaseFor(db, ISSUANCE_READER, message.caseId);
  const content = (await getEntryVersion(db, message.versionId)).content;
  const typeCode = content.guide.result.licenceTypeCode;
  // An item whose result is not an e-licence (a reply, a filing receipt): nothing to issue.
  if (!typeCode) return null;
  const type = await getType(db, typeCode, 'payload.licenceTypeCode');
  const form = (row.form ?? {}) as Record<string, unknown>;
  const caseNumber = message.caseNumber ?? row.caseNumber ?? row.applicationNumber;
  const data: LicenceData = {};
  for (const field of type.fields) {
    const value = form[field.key];
    if (typeof value === 'string' && value.trim() !== '') data[field.key] = value.trim();
    else if (typeof value === 'number' && field.type === 'number') data[field.key] = value;
    else if (field.required)
      data[field.key] =
        field.type === 'date' ? (row.decidedOn ?? chinaDate(deps.now())) : `见办件 ${caseNumber}`;
  }
  const context = { ...systemContext('licences.issuance'), requestId };
  const issued = await withTransaction(db, (tx) =>
    issueLicence(
      tx,
      context,
      deps,
      {
        typeCode,
        departmentId: row.departmentId,
        holder: {
          kind: row.applicantKind === 'person' ? 'person' : 'enterprise',
          name: row.applicantName,
          identifier: deps.cipher.decrypt(row.applicantIdentifierEncrypted),
        },
        data,
        licenceNumber: message.licenceNumber,
      },
      { source: 'case', caseId: row.id, caseNumber },
      'payload',
    ),
  );
  return issued.row.identifier;
}

/** Subscribe the library to the production step: one licence per produced case. */
export function registerLicenceIssuance(
  relay: OutboxRelay,
  options: { db: () => Db; deps: LicenceDeps },
): void {
  relay.on(LICENCE_PRODUCED_TOPIC, async (message) => {
    await issueForCase(
      options.db(),
      options.deps,
      message.payload as LicenceProducedMessage,
      message.requestId,
    );
  });
}
