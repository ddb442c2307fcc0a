import type { Db, Tx } from '../../platform/database.js';
import type { AppError } from '../../platform/errors.js';
import { GroupCommit } from '../../platform/group-commit.js';
import * as service from './cases.service.js';

/** An action (受理, 审查, 决定 …) waiting for the group commit of `POST /cases/{id}/actions/{action}`. */
export interface QueuedAction {
  request: service.ActionRequest;
  engine: service.CaseEngine;
}

/**
 * What became of a queued action: taken, with the view its caller gets; refused with the caller's
 * error; or to be taken on its own (a second action on a case the batch already acts on).
 */
export type QueuedActionResult =
  | { kind: 'done'; view: service.CaseView }
  | { kind: 'refused'; error: AppError }
  | { kind: 'later' };

/**
 * Take a batch of actions in one transaction (`actMany`: cases locked in one statement, the log,
 * audit, messages and webhooks a statement per table) and build each caller's view from the records
 * read under the lock and what the action wrote.
 */
export async function writeActions(tx: Tx, batch: readonly QueuedAction[]): Promise<QueuedActionResult[]> {
  const first = batch[0];
  if (!first) return [];
  const outcomes = await service.actMany(
    tx,
    first.engine,
    batch.map((queued) => queued.request),
  );
  const results: QueuedActionResult[] = [];
  for (const [index, { request }] of batch.entries()) {
    const outcome = outcomes[index];
    if (!outcome) throw new Error('actMany answered fewer outcomes than actions');
    if (outcome.kind !== 'done') {
      results.push(outcome);
      continue;
    }
    const { audience, known } = service.viewFor(request.caller, outcome);
    results.push({
      kind: 'done',
      view: await service.caseView(tx, first.engine, outcome.row, audience, request.caller, known),
    });
  }
  return results;
}

/**
 * The group commit of actions without an Idempotency-Key (those with one go the single way, where a
 * retry is replayed): up to 64 in a transaction, two transactions at once, as submissions.
 */
export function actionGroup(db: () => Db): GroupCommit<QueuedAction, QueuedActionResult> {
  return new GroupCommit(db, writeActions, { maxBatch: 64, maxInFlight: 2 });
}
