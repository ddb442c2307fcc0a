import type { RequestContext } from '../../platform/audit.js';
import type { Db, Tx } from '../../platform/database.js';
import { GroupCommit } from '../../platform/group-commit.js';
import { claimBatch, type IdempotencyKey, storeIdempotentAnswers } from '../../platform/idempotency.js';
import * as service from './cases.service.js';

/** One submission (申请提交) waiting for the group commit of `POST /cases` and `POST /window/cases`. */
export interface Submission {
  context: RequestContext;
  engine: service.CaseEngine;
  prepared: service.PreparedApplication;
  /** The request's Idempotency-Key; its answer is stored with the case. */
  key: IdempotencyKey | undefined;
  audience: 'applicant' | 'staff';
}

/**
 * What became of a submission: its case, or — its key being another request's (a retry, running or
 * done) — nothing, and the route answers it as any idempotent retry.
 */
export type SubmissionResult = { kind: 'created'; view: service.CaseView } | { kind: 'retry' };

/** The answer a created case gets, as the single path's `idempotent` stores it. */
const CREATED = 201;

/**
 * Write a batch of submissions in one transaction: claim their keys (one statement, with the
 * numbers drawn), write the cases submitted (`applyMany`: a statement per table for all), and store
 * each answer with its key (one statement, sent ahead of the audit append and the commit). Nothing here refuses a submission the caller could correct: `prepareApplication` did
 * that before it queued.
 */
export async function writeSubmissions(tx: Tx, batch: readonly Submission[]): Promise<SubmissionResult[]> {
  const first = batch[0];
  if (!first) return [];
  // The keys are claimed and the application numbers drawn in one round trip; numbers drawn for
  // retries (rare) go unused.
  const [running, numbers] = await Promise.all([
    claimBatch(tx, batch, (submission) => submission.key),
    service.drawApplicationNumbers(tx, first.engine, batch.length),
  ]);
  const applied = await service.applyMany(tx, first.engine, running, { drawn: numbers, last: true });
  const views = new Map<Submission, service.CaseView>();
  for (const [index, submission] of running.entries()) {
    const written = applied[index];
    if (!written) throw new Error('applyMany answered fewer cases than applications');
    // A new case: its log is the one action just written, with no materials or notices yet.
    const records = { actions: written.action ? [written.action] : [], materials: [], notices: [] };
    views.set(
      submission,
      await service.caseView(
        tx,
        submission.engine,
        written.row,
        submission.audience,
        submission.prepared.caller,
        records,
      ),
    );
  }
  await storeIdempotentAnswers(
    tx,
    running.flatMap((submission) =>
      submission.key ? [{ key: submission.key, statusCode: CREATED, body: views.get(submission) }] : [],
    ),
  );
  return batch.map((submission) => {
    const view = views.get(submission);
    return view ? { kind: 'created', view } : { kind: 'retry' };
  });
}

/**
 * The group commit of submissions: up to 64 in a transaction, two transactions at once (their
 * other statements overlap; the audit append serialises only their ends).
 */
export function submissionGroup(db: () => Db): GroupCommit<Submission, SubmissionResult> {
  return new GroupCommit(db, writeSubmissions, { maxBatch: 64, maxInFlight: 2 });
}
