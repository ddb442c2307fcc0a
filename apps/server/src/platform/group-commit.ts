import { type Db, type Tx, withTransaction } from './database.js';

/** How a group commit forms its transactions. */
export interface GroupCommitOptions {
  /** Most items in one transaction. */
  maxBatch: number;
  /** Most transactions running at once; items arriving meanwhile wait and go together in the next. */
  maxInFlight: number;
}

/** What an item of a group commit comes back as. */
export type GroupOutcome<O> =
  | { kind: 'done'; result: O }
  /**
   * The shared transaction failed and was rolled back: nothing of the item was written, and its
   * caller runs it on its own, where a failure is its own error and reaches only its own request.
   */
  | { kind: 'alone' };

interface Waiting<I, O> {
  item: I;
  resolve: (outcome: GroupOutcome<O>) => void;
}

/**
 * Group commit (成组提交): concurrent requests of one kind share a transaction. While
 * `maxInFlight` transactions run, arriving items queue; when one ends, the next takes up to
 * `maxBatch` of them at once. Items arriving in one turn of the event loop start together at its
 * end. So a lone request is written at once in a transaction of its own, and
 * under load many are written by the statements (and the one commit, audit append and WAL flush) of
 * one: `runBatch` writes all its items with a statement per table rather than per item.
 *
 * One process's concurrency only: it changes how work is packed into transactions, never what a
 * transaction sees, so several processes may each run their own.
 */
export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: () => Db,
    private readonly runBatch: (tx: Tx, items: readonly I[]) => Promise<O[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Write `item` with whatever else is waiting; resolves once the transaction committed or failed. */
  submit(item: I): Promise<GroupOutcome<O>> {
    return new Promise((resolve) => {
      this.queue.push({ item, resolve });
      this.schedule();
    });
  }

  private scheduled = false;

  /**
   * Start transactions at the end of this turn of the event loop (`setImmediate`), not at the first
   * arrival: the requests one turn reads arrive one by one, and the first would otherwise take a free
   * transaction alone while the rest wait a whole transaction for the next (measured under load:
   * runs of one-item transactions beside one of 62).
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async commit(batch: Waiting<I, O>[]): Promise<void> {
    let results: O[];
    try {
      results = await withTransaction(this.db(), (tx) =>
        this.runBatch(
          tx,
          batch.map((waiting) => waiting.item),
        ),
      );
    } catch {
      for (const waiting of batch) waiting.resolve({ kind: 'alone' });
      return;
    }
    batch.forEach((waiting, index) => {
      const result = results[index];
      waiting.resolve(result === undefined ? { kind: 'alone' } : { kind: 'done', result });
    });
  }
}
