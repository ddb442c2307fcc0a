import type { Socket } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  type ExtractTablesWithRelations,
  getTableColumns,
  type InferInsertModel,
  type SQL,
  sql,
} from 'drizzle-orm';
import { drizzle as drizzleNodePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgColumn, PgDatabase, PgQueryResultHKT, PgTable, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config.js';
import * as schema from '../db/schema/index.js';

export type Schema = typeof schema;

/** A Drizzle handle on either engine. A transaction is one of these too, so reads accept both. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle: services that change data take one explicitly. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Raw SQL access for libraries that bring their own queries (pg-boss). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Db;
  readonly executeSql: ExecuteSql;
  /**
   * Run `fn` on one dedicated connection (a session): what session-level advisory locks need.
   * PGlite has exactly one connection, so there it is simply the database.
   */
  withSession<T>(fn: (db: Db, executeSql: ExecuteSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Open the database the configuration names: a node-postgres pool for `DATABASE_URL`, otherwise
 * embedded PGlite under `dataDir` (or in memory for `:memory:`).
 */
export async function openDatabase(config: Config, options: { pgliteDump?: Blob } = {}): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databasePoolSize);
  return openPglite(config.dataDir, options.pgliteDump);
}

/**
 * PGlite in memory or in a directory. An in-memory database can start from a data-directory dump
 * (PGlite's dumpDataDir), which skips initdb: how tests get a fresh migrated database quickly.
 */
async function openPglite(dataDir: string, dump: Blob | undefined): Promise<Database> {
  // The contrib extensions the migrations create (a PostgreSQL server ships them in its contrib).
  const extensions = { pg_trgm };
  let client: PGlite;
  if (dataDir === ':memory:') {
    client = await PGlite.create(dump ? { loadDataDir: dump, extensions } : { extensions });
  } else {
    const path = join(dataDir, 'pglite');
    mkdirSync(path, { recursive: true });
    client = await PGlite.create(path, { extensions });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  // PGlite's extended protocol takes one statement; scripts without parameters go through exec.
  const executeSql: ExecuteSql = async (text, values) => {
    if (!values || values.length === 0) {
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    }
    const result = await client.query<Record<string, unknown>>(text, values);
    return { rows: result.rows };
  };
  return {
    engine: 'pglite',
    db,
    executeSql,
    withSession: (fn) => fn(db, executeSql),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * Make the pool's transactions send their BEGIN with their first statement instead of a round trip
 * ahead of it: Drizzle's own waits for BEGIN's answer. The rest is Drizzle's (its transaction handle,
 * savepoints for nested transactions). BEGIN on a sound connection cannot fail; should it fail all
 * the same, the transaction fails before it commits.
 */
function pipelineBegin(db: Db, pool: pg.Pool): void {
  type Session = NodePgSession<Schema, ExtractTablesWithRelations<Schema>>;
  const session = (db as unknown as { session: Session }).session;
  const {
    dialect,
    schema: relations,
    options,
  } = session as unknown as {
    dialect: ConstructorParameters<typeof NodePgSession>[1];
    schema: ConstructorParameters<typeof NodePgSession>[2];
    options: ConstructorParameters<typeof NodePgSession>[3];
  };
  session.transaction = async <T>(
    fn: (tx: NodePgTransaction<Schema, ExtractTablesWithRelations<Schema>>) => Promise<T>,
    config?: unknown,
  ): Promise<T> => {
    if (config) throw new Error('transaction options are not supported on the pipelined pool');
    const client = await pool.connect();
    const tx = new NodePgTransaction(
      dialect,
      new NodePgSession(client, dialect, relations, options),
      relations,
    );
    const begun = client.query('begin');
    // Looked at below; until then its failure must not count as unhandled.
    begun.catch(() => {});
    try {
      const result = await fn(tx as NodePgTransaction<Schema, ExtractTablesWithRelations<Schema>>);
      await begun;
      await client.query('commit');
      client.release();
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped, not handed to the next transaction.
      await client.query('rollback').then(
        () => client.release(),
        (rollbackFailed: Error) => client.release(rollbackFailed),
      );
      throw error;
    }
  };
}

/** How often a statement's text is issued before the pool prepares it under a name. */
const PREPARE_AFTER = 5;
/** Most statement texts a pool prepares: each connection keeps the ones it used while it lives. */
const MAX_PREPARED = 200;
/** Most texts counted towards `PREPARE_AFTER` at once. */
const MAX_COUNTED = 2_000;

/**
 * Names for the statements a pool issues again and again. node-postgres sends a statement without a
 * name as a new one each time, which the server parses, analyses and plans again (measured: about a
 * sixth of the server's CPU in a submission). A text issued `PREPARE_AFTER` times gets a name, under
 * which each connection prepares it once and then only binds it. Bounded: texts that vary without
 * end (a list of parameters of any length) stop being counted, and at most `MAX_PREPARED` are named.
 */
class StatementNames {
  private readonly named = new Map<string, string>();
  private readonly seen = new Map<string, number>();

  nameOf(text: string): string | undefined {
    const known = this.named.get(text);
    if (known !== undefined || this.named.size >= MAX_PREPARED) return known;
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < PREPARE_AFTER) {
      if (this.seen.size >= MAX_COUNTED) this.seen.clear();
      this.seen.set(text, count);
      return undefined;
    }
    this.seen.delete(text);
    const name = `yiwang_${this.named.size + 1}`;
    this.named.set(text, name);
    return name;
  }
}

type QueryArgs = [config: unknown, ...rest: unknown[]];

/**
 * What the pool does to each connection it opens, for the pipelined statements of the case engine:
 *
 * - One write per burst. node-postgres writes each statement to the socket on its own; every write
 *   is a system call that wakes the server for one statement, which on a busy machine cost more than
 *   the statement (measured: a case action's dozen writes took 15% of the app's thread, most of it
 *   waiting to run again after the server it woke). The socket is corked at the first statement of a
 *   burst of work and uncorked once the callback that issued it and the promise reactions it set off
 *   have run, so the statements of one round trip go down in one write.
 * - Named statements (`StatementNames`); node-postgres prepares each once per connection, pipelined
 *   ones included.
 */
function tuneConnection(client: pg.PoolClient, names: StatementNames): void {
  const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  const query = client.query.bind(client) as (...args: QueryArgs) => unknown;
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  (client as unknown as { query: (...args: QueryArgs) => unknown }).query = (...args: QueryArgs) => {
    if (!corked) {
      corked = true;
      stream.cork();
      // A tick scheduled from a microtask runs once the microtask queue is empty: after the
      // statements the rest of this burst of work issues.
      queueMicrotask(() => process.nextTick(uncork));
    }
    const [config, ...rest] = args;
    if (typeof config === 'object' && config !== null && typeof rest.at(-1) !== 'function') {
      const { text, name } = config as { text?: unknown; name?: unknown };
      const given = typeof text === 'string' && name === undefined ? names.nameOf(text) : undefined;
      if (given !== undefined) return query({ ...config, name: given }, ...rest);
    }
    return query(...args);
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // Pipeline mode: a statement goes down the connection as soon as it is issued, without waiting for
  // the answer to the one before (which a client answers in order). Code that awaits each statement
  // works as before; statements issued together (`Promise.all`, `sendAhead`) share one round trip.
  //
  // Each execution of a named statement is planned with its own values (`force_custom_plan`): a
  // generic plan, which PostgreSQL may settle on after five executions, keeps the estimates of the
  // moment it was made. Made on a table still nearly empty (a new deployment; the idempotency keys
  // after the nightly purge), it scans the whole table for each statement after the table has grown,
  // until an analyze happens to replace it (seen: storing a batch's idempotency answers read all the
  // keys). The parse and analysis a name saves stay saved.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'yiwang',
    pipeline: true,
    options: '-c plan_cache_mode=force_custom_plan',
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const names = new StatementNames();
  pool.on('connect', (client) => tuneConnection(client, names));
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  pipelineBegin(db, pool);
  const executeSql: ExecuteSql = async (text, values) => {
    const result = await pool.query(text, values);
    return { rows: result.rows };
  };
  let closed = false;
  return {
    engine: 'postgres',
    db,
    executeSql,
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        const sessionDb = drizzleNodePg(client, { schema }) as unknown as Db;
        return await fn(sessionDb, async (text, values) => {
          const result = await client.query(text, values);
          return { rows: result.rows };
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * The one way to run a unit of work: everything `fn` writes commits together or not at all.
 * Services receive the transaction explicitly and never open their own.
 */
export async function withTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const ahead: Promise<unknown>[] = [];
  let result: T;
  try {
    result = await db.transaction(async (tx) => {
      const hooks: (() => Promise<void>)[] = [];
      commitHooks.set(tx, hooks);
      sentAhead.set(tx, ahead);
      roots.set(tx, roots.get(db) ?? db);
      try {
        const value = await fn(tx);
        // Hooks may register further hooks (none do today); run until none are left.
        for (let hook = hooks.shift(); hook; hook = hooks.shift()) await hook();
        return value;
      } finally {
        commitHooks.delete(tx);
        sentAhead.delete(tx);
      }
    });
  } catch (error) {
    // A statement sent ahead failed first: what came after it failed only because it had.
    throw (await firstFailure(ahead)) ?? error;
  }
  // Answered before the commit was: if one failed, the server took the COMMIT as a ROLLBACK.
  const failure = await firstFailure(ahead);
  if (failure) throw failure;
  return result;
}

/**
 * Run a Drizzle query now: it runs when its `then` is called, which an `await` does only a microtask
 * later, so statements issued one after another could otherwise go down in another order.
 */
export function issueNow<T>(statement: PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    statement.then(resolve, reject);
  });
}

/** Statements of each `withTransaction` transaction sent without waiting for their answers. */
const sentAhead = new WeakMap<Db | Tx, Promise<unknown>[]>();

/**
 * Send `statement` in `tx` without waiting for its answer, when nothing that follows needs it: on
 * PostgreSQL it goes down the connection with the statements issued after it (pipelined), the commit
 * included, instead of costing a round trip of its own. The transaction waits for it before it
 * reports success, and fails (nothing written) if it failed. Outside `withTransaction` this simply
 * waits for the answer.
 */
export async function sendAhead(tx: Db | Tx, statement: PromiseLike<unknown>): Promise<void> {
  const ahead = sentAhead.get(tx);
  if (!ahead) {
    await statement;
    return;
  }
  const sent = issueNow(statement);
  // Looked at once the transaction ends; until then a failure must not count as unhandled.
  sent.catch(() => {});
  ahead.push(sent);
}

async function firstFailure(statements: readonly Promise<unknown>[]): Promise<unknown> {
  for (const settled of await Promise.allSettled(statements))
    if (settled.status === 'rejected') return settled.reason;
  return undefined;
}

/** Work a transaction from `withTransaction` does last, just before it commits. */
const commitHooks = new WeakMap<Db | Tx, (() => Promise<void>)[]>();
/** The database handle each `withTransaction` transaction was opened on. */
const roots = new WeakMap<Db | Tx, Db>();

/**
 * Run `hook` as the last work of `tx` before it commits (the audit chain appends there, so its lock
 * is held for the shortest time). False when `tx` is not a `withTransaction` transaction: the caller
 * must then do the work at once.
 */
export function beforeCommit(tx: Db | Tx, hook: () => Promise<void>): boolean {
  const hooks = commitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

/**
 * The database a handle belongs to: for a transaction, the handle it was opened on. What caches of
 * reference data (regions, departments) key on, so lookups inside transactions share them.
 */
export function rootDatabase(db: Db | Tx): Db {
  return roots.get(db) ?? (db as Db);
}

/**
 * Rows of a raw SQL query (recursive CTEs and the like), the same shape on both engines. The
 * statement is issued when this is called (`issueNow`), so statements issued together go down in the
 * order issued.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = await issueNow(db.execute(query));
  return (result as unknown as { rows: T[] }).rows;
}

/**
 * Rows as one JSON parameter for `json_populate_recordset(null::<table>, …)`: the columns the first
 * row sets (not `skip`, not undefined, not generated by the database) as (key, column name) pairs,
 * and the rows keyed by column name.
 */
function rowsAsJson<T extends PgTable>(
  table: T,
  rows: readonly Partial<InferInsertModel<T>>[],
  skip: (key: string) => boolean,
) {
  const [first] = rows;
  if (!first) throw new Error('rows as JSON need at least one row');
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const present = Object.keys(first).flatMap((key) => {
    const column = columns[key];
    return column && !column.generated && !skip(key) && (first as Record<string, unknown>)[key] !== undefined
      ? [[key, column.name] as const]
      : [];
  });
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(present.map(([key, name]) => [name, (row as Record<string, unknown>)[key] ?? null])),
    ),
  );
  return { columns, present, json };
}

/**
 * An INSERT of many rows that sends them as one JSON parameter, expanded by the database
 * (`json_populate_recordset`): for large batches Drizzle's parameter per value costs more than
 * the database's work. Every row must set the same columns (those of the first row; the others take
 * their defaults) with plain values: Dates, JSON-able values for jsonb and array columns, no SQL.
 * `computed` columns are set by SQL instead, which may read the row's values as `r.<column>`.
 */
export function insertRowsAsJson<T extends PgTable>(
  table: T,
  rows: readonly Partial<InferInsertModel<T>>[],
  computed: Partial<Record<keyof InferInsertModel<T>, SQL>> = {},
): SQL {
  const { columns, present, json } = rowsAsJson(table, rows, (key) => key in computed);
  const extra = Object.entries(computed as Record<string, SQL>).flatMap(([key, value]) => {
    const column = columns[key];
    return column ? [[column.name, value] as const] : [];
  });
  const names = sql.raw(
    [...present.map(([, name]) => name), ...extra.map(([name]) => name)]
      .map((name) => `"${name}"`)
      .join(', '),
  );
  const values = [...present.map(([, name]) => sql.raw(`r."${name}"`)), ...extra.map(([, value]) => value)];
  return sql`insert into ${table} (${names}) select ${sql.join(values, sql`, `)} from json_populate_recordset(null::${table}, ${json}::json) as r`;
}

/**
 * An UPDATE of many rows, each to its own values, sent as one JSON parameter: `update <table> as t
 * set <column> = r.<column>, … from json_populate_recordset(…) as r where t.<key> = r.<key>`. Every
 * row sets the columns the first row has (besides the key and those it must `keep` as they are),
 * with plain values as for `insertRowsAsJson`; the caller adds `returning t.…` if it wants the rows
 * back.
 */
export function updateRowsAsJson<T extends PgTable>(
  table: T,
  key: string,
  rows: readonly Partial<InferInsertModel<T>>[],
  keep: readonly string[] = [],
): SQL {
  const { columns, present, json } = rowsAsJson(table, rows, (column) => keep.includes(column));
  const keyName = columns[key]?.name;
  if (!keyName) throw new Error(`updateRowsAsJson: no column ${key}`);
  const assignments = present
    .filter(([, name]) => name !== keyName)
    .map(([, name]) => `"${name}" = r."${name}"`)
    .join(', ');
  return sql`update ${table} as t set ${sql.raw(assignments)} from json_populate_recordset(null::${table}, ${json}::json) as r where t."${sql.raw(keyName)}" = r."${sql.raw(keyName)}"`;
}

/**
 * A JSON object of ('key', "column") pairs as `json`, not `jsonb`: the text is built as it goes,
 * without the binary form, its sorted keys and the print of it that `jsonb` costs. A function takes
 * at most 100 arguments: a wider table is built as `jsonb` in parts of 40 columns, joined with ||.
 */
function jsonObjectOf(pairs: readonly string[]): string {
  if (pairs.length <= 50) return `json_build_object(${pairs.join(', ')})`;
  const parts: string[] = [];
  for (let start = 0; start < pairs.length; start += 40)
    parts.push(`jsonb_build_object(${pairs.slice(start, start + 40).join(', ')})`);
  return `(${parts.join(' || ')})::json`;
}

/** `rowJson` fragments and timestamp keys, made once per table. */
const tableJson = new WeakMap<PgTable, { fragment: SQL; timestamps: readonly string[] }>();

function tableJsonOf(table: PgTable) {
  let known = tableJson.get(table);
  if (!known) {
    const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>);
    const pairs = columns.map(([key, column]) => `'${key}', "${column.name}"`);
    known = {
      fragment: sql.raw(jsonObjectOf(pairs)),
      timestamps: columns.filter(([, column]) => column.columnType === 'PgTimestamp').map(([key]) => key),
    };
    tableJson.set(table, known);
  }
  return known;
}

/**
 * One row of `table` as a JSON object (`json`) keyed like Drizzle's select (read back with `rowsFromJson`),
 * for a query over that table unaliased. The fragment is one piece of SQL text made once per table:
 * Drizzle's builder spends more on the column list of a wide table (about 0.3 ms for `cases`) than
 * the database spends on the query.
 */
export function rowJson(table: PgTable): SQL {
  return tableJsonOf(table).fragment;
}

/** Rows read back from `rowJson`: timestamps become Dates again, as Drizzle returns them. */
export function rowsFromJson<T>(table: PgTable, rows: readonly Record<string, unknown>[]): T[] {
  const { timestamps } = tableJsonOf(table);
  for (const row of rows)
    for (const key of timestamps) if (typeof row[key] === 'string') row[key] = new Date(row[key]);
  return rows as T[];
}
