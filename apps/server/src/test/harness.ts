import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type AppDependencies, buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import type { Authenticator, Principal } from '../platform/access.js';
import { type Database, openDatabase } from '../platform/database.js';
import { applyMigrations } from '../platform/migrations.js';
import { openSms, type SmsPayload } from '../platform/notify.js';

/** Test databases live on the server DATABASE_URL names, or in memory (PGlite) without it. */
const serverUrl = process.env.DATABASE_URL;

/** The engine this test run uses. */
export const testEngine: 'pglite' | 'postgres' = serverUrl ? 'postgres' : 'pglite';

/** Configuration for tests: the test environment, quiet logs, no jobs unless asked for. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { NODE_ENV: 'test' },
    { dataDir: ':memory:', jobsEnabled: false, seedDemoData: false, ...overrides },
  );
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  if (!serverUrl) throw new Error('no DATABASE_URL');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let template: Promise<Blob> | undefined;

/** The migrated PGlite dump made by global-setup.ts, read once per worker. */
function pgliteTemplate(): Promise<Blob> {
  template ??= readFile(inject('pgliteTemplate')).then((bytes) => new Blob([bytes]));
  return template;
}

export interface TestDatabase {
  database: Database;
  /** The config that opens this same database (another app or process on it). */
  config: Config;
  /** Close it, and drop it from the server. */
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database of this run's engine: a new in-memory PGlite, or a newly created
 * database on the PostgreSQL server. Migrated unless `migrate: false`.
 */
export async function createTestDatabase(options: { migrate?: boolean; config?: Partial<Config> } = {}) {
  let config: Config;
  let name: string | undefined;
  if (serverUrl) {
    name = `yiwang_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    config = testConfig({
      databaseUrl: withDatabaseName(serverUrl, name),
      databasePoolSize: 5,
      ...options.config,
    });
  } else {
    config = testConfig(options.config);
  }
  const migrate = options.migrate !== false;
  const database = await openDatabase(
    config,
    migrate && !serverUrl ? { pgliteDump: await pgliteTemplate() } : {},
  );
  if (migrate) await applyMigrations(database);
  const dispose = async () => {
    await database.close();
    if (name) await adminQuery(`drop database if exists ${name} with (force)`);
  };
  return { database, config, dispose } satisfies TestDatabase;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/**
 * Build the whole app on a fresh database, the way production does, with a test authenticator
 * (see principalHeader). Call close() in afterAll.
 */
export async function createTestApp(
  options: { config?: Partial<Config>; dependencies?: AppDependencies; ready?: boolean } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase({ config: options.config });
  const app = await buildApp(testDb.config, {
    authenticate: testAuthenticator,
    ...options.dependencies,
    database: testDb.database,
  });
  if (options.ready !== false) await app.ready();
  return {
    app,
    database: testDb.database,
    close: async () => {
      await app.close();
      await testDb.dispose();
    },
  };
}

const PRINCIPAL_HEADER = 'x-test-principal';

/**
 * A header that makes the test authenticator see a principal. The identity module replaces this
 * in production; here it proves the access-policy mechanism.
 */
export function principalHeader(principal: {
  id?: string;
  kind?: Principal['kind'];
  permissions?: string[];
  scope?: Principal['scope'];
  assurance?: Principal['assurance'];
  agent?: Principal['agent'];
  identifier?: string;
}) {
  return {
    [PRINCIPAL_HEADER]: JSON.stringify({
      id: principal.id ?? 'staff-1',
      kind: principal.kind ?? 'staff',
      permissions: principal.permissions ?? [],
      scope: principal.scope,
      assurance: principal.assurance,
      agent: principal.agent,
      identifier: principal.identifier,
    }),
  };
}

/** The test authenticator: the principal named by the test header, or anonymous. */
export const testAuthenticator: Authenticator = async (request) => {
  const header = request.headers[PRINCIPAL_HEADER];
  if (typeof header !== 'string') return null;
  const parsed = JSON.parse(header) as {
    id: string;
    kind: Principal['kind'];
    permissions: string[];
    scope?: Principal['scope'];
    assurance?: Principal['assurance'];
    agent?: Principal['agent'];
    identifier?: string;
  };
  return {
    id: parsed.id,
    kind: parsed.kind,
    name: parsed.id,
    permissions: new Set(parsed.permissions),
    ...(parsed.scope ? { scope: parsed.scope } : {}),
    ...(parsed.assurance ? { assurance: parsed.assurance } : {}),
    ...(parsed.agent ? { agent: parsed.agent } : {}),
    // As identity does: the identifier with its blind index under the app's key.
    ...(parsed.identifier
      ? {
          identifier: parsed.identifier,
          identifierIndex: request.server.fieldCipher.blindIndex(parsed.identifier),
        }
      : {}),
  };
};

/** The text messages in the outbox, opened (they wait sealed), oldest first. */
export async function sentSms(t: TestApp): Promise<SmsPayload[]> {
  const { rows } = await t.database.executeSql(
    `select payload from platform_outbox where topic = 'notify.sms' order by id`,
  );
  return rows.map((row) => openSms(t.app.fieldCipher, row.payload));
}

/** A department as the org API lists it (the fields tests use). */
export interface ListedDepartment {
  id: string;
  key: string;
  name: string;
  creditCode: string;
  regionCode: string;
}

/** Every department of the app, by its stable key, read page by page through the public API. */
export async function departmentsByKey(app: FastifyInstance): Promise<Record<string, ListedDepartment>> {
  const departments: Record<string, ListedDepartment> = {};
  for (let page = 1; ; page += 1) {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/departments?pageSize=100&page=${page}`,
    });
    const { items } = response.json() as { items: ListedDepartment[] };
    for (const department of items) departments[department.key] = department;
    if (items.length < 100) return departments;
  }
}
