import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { seedDepartments } from './modules/org/org.seed-data.js';
import { openDatabase } from './platform/database.js';
import { committedMigrations } from './platform/migrations.js';
import { createTestDatabase, type TestDatabase, testEngine } from './test/harness.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const MIGRATE = fileURLToPath(new URL('./cli/migrate.ts', import.meta.url));
const AUDIT_VERIFY = fileURLToPath(new URL('./cli/audit-verify.ts', import.meta.url));

/** Run a command-line script to its end, as `npm run …` does. */
function runScript(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

interface Started {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Start the server the way `npm start` does, and wait for the line with its address. */
function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: match[1], output: () => output, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

describe(`the server process (npm start) on ${testEngine}`, () => {
  let testDb: TestDatabase | undefined;
  afterAll(async () => {
    await testDb?.dispose();
  });

  it('db:migrate, then start: seeds the demo organisation, serves /readyz and the web shell, stops on SIGTERM; audit:verify finds the chain intact, then the tampered record', async () => {
    let env: Record<string, string>;
    if (testEngine === 'postgres') {
      testDb = await createTestDatabase({ migrate: false });
      await testDb.database.close();
      env = { DATABASE_URL: testDb.config.databaseUrl ?? '' };
    } else {
      env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'yiwang-main-')) };
    }
    const migrated = await runScript(MIGRATE, env);
    const all = committedMigrations();
    expect(migrated.output).toContain(`applied ${all.length} migration(s) (${all.join(', ')})`);
    expect(migrated.code).toBe(0);

    const server = await startServer({ ...env, MIGRATE_ON_START: 'false' });
    try {
      const ready = await fetch(`${server.base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', database: testEngine });
      const regions = await fetch(`${server.base}/api/v1/regions?parentCode=330000`);
      expect(((await regions.json()) as { items: unknown[] }).items).toHaveLength(3);
      const home = await fetch(`${server.base}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('一网通办');
      expect(server.output()).toContain('API reference');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');

    const config = loadConfig({ NODE_ENV: 'test', ...env });
    const counted = await openDatabase(config);
    const { rows } = await counted.executeSql(
      "select count(*)::int as n, count(*) filter (where entity_type = 'department')::int as departments from platform_audit_log",
    );
    await counted.close();
    expect(rows[0]?.departments).toBe(seedDepartments.length);
    const intact = await runScript(AUDIT_VERIFY, env);
    expect(intact.output).toMatch(
      new RegExp(`audit chain intact: ${rows[0]?.n} record\\(s\\), head [0-9a-f]{64}`),
    );
    expect(intact.code).toBe(0);

    // Someone with database superuser rights edits record 7 behind the trigger's back.
    const database = await openDatabase(config);
    await database.executeSql(`alter table platform_audit_log disable trigger user;
      update platform_audit_log set actor_id = 'intruder' where seq = 7;
      alter table platform_audit_log enable trigger user;`);
    await database.close();
    const broken = await runScript(AUDIT_VERIFY, env);
    expect(broken.output).toContain('AUDIT CHAIN BROKEN at record 7: record content does not match its hash');
    expect(broken.code).toBe(1);
  }, 180_000);

  it('refuses to start with invalid settings, naming each one, with exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('PORT (port)');
    expect(stderr).toContain('APP_SECRET (appSecret): required in production');
  }, 60_000);
});
