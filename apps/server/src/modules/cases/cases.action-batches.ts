import type { Db, Tx } from '../../platform/database.js';
import type { AppError } from '../../platform/errors.js';
import { GroupCommit } from '../../platform/group-commit.js';
import {
  claimBatch,
  type IdempotencyKey,
  releaseIdempotencyKeys,
  storeIdempotentAnswers,
} from '../../platform/idempotency.js';
import * as service from './cases.service.js';

/** An action (受理, 审查, 决定 …) waiting for the group commit of `POST /cases/{id}/actions/{action}`. */
export interface QueuedAction {
  request: service.ActionRequest;
  engine: service.CaseEngine;
  /** The request's Idempotency-Key; the answer of a taken action is stored with it. */
  key: IdempotencyKey | undefined;
}

/**
 * What became of a queued action: taken, with the view its caller gets; refused with the caller's
 * error; to be taken on its own (a second action on a case the batch already acts on); or, its key
 * being another request's (a retry, running or done), answered as any idempotent retry.
 */
export type QueuedActionResult =
  | { kind: 'done'; view: service.CaseView }
  | { kind: 'refused'; error: AppError }
  | { kind: 'later' }
  | { kind: 'retry' };

/** The answer a taken action gets, as the single path's `idempotent` stores it. */
const TAKEN = 200;

/**
 * Take a batch of actions in one transaction: claim their keys (one statement, with the serials of the
 * case numbers the acceptances may take), act (`actMany`:
 * cases locked in one statement, the log, audit, messages and webhooks a statement per table), build
 * each caller's view from the records read under the lock and what the action wrote, store the
 * answers of the taken ones with their keys and release the keys of the others (one statement each).
 */
export async function writeActions(tx: Tx, batch: readonly QueuedAction[]): Promise<QueuedActionResult[]> {
  const first = batch[0];
  if (!first) return [];
  // The keys claimed, the cases locked and the serials of the case numbers drawn in one round trip;
  // the case of a retry (rare) is locked with the others and left alone.
  service.drawCaseNumbersAhead(
    tx,
    batch.map((queued) => queued.request),
  );
  const [running, locked] = await Promise.all([
    claimBatch(tx, batch, (queued) => queued.key),
    service.lockCases(
      tx,
      batch.map((queued) => queued.request.caseId),
    ),
  ]);
  const outcomes = await service.actMany(
    tx,
    first.engine,
    running.map((queued) => queued.request),
    { locked, last: true },
  );
  const results = new Map<QueuedAction, QueuedActionResult>();
  for (const [index, queued] of running.entries()) {
    const outcome = outcomes[index];
    if (!outcome) throw new Error('actMany answered fewer outcomes than actions');
    if (outcome.kind !== 'done') {
      results.set(queued, outcome);
      continue;
    }
    const { audience, known } = service.viewFor(queued.request.caller, outcome);
    results.set(queued, {
      kind: 'done',
      view: await service.caseView(tx, first.engine, outcome.row, audience, queued.request.caller, known),
    });
  }
  const answered: { key: IdempotencyKey; statusCode: number; body: unknown }[] = [];
  const released: IdempotencyKey[] = [];
  for (const queued of running) {
    const result = results.get(queued);
    if (!queued.key) continue;
    if (result?.kind === 'done') answered.push({ key: queued.key, statusCode: TAKEN, body: result.view });
    else released.push(queued.key);
  }
  await Promise.all([storeIdempotentAnswers(tx, answered), releaseIdempotencyKeys(tx, released)]);
  return batch.map((queued) => results.get(queued) ?? { kind: 'retry' });
}

/**
 * The group commit of actions, with or without an Idempotency-Key: up to 64 in a transaction, two
 * transactions at once, as submissions.
 */
export function actionGroup(db: () => Db): GroupCommit<QueuedAction, QueuedActionResult> {
  return new GroupCommit(db, writeActions, { maxBatch: 64, maxInFlight: 2 });
}
