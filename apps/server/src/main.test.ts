import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngine } from './test/harness.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

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

  it('starts, seeds the demo organisation, serves /readyz and the web shell, and stops cleanly on SIGTERM', async () => {
    let env: Record<string, string>;
    if (testEngine === 'postgres') {
      testDb = await createTestDatabase({ migrate: false });
      await testDb.database.close();
      env = { DATABASE_URL: testDb.config.databaseUrl ?? '' };
    } else {
      env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'yiwang-main-')) };
    }
    const server = await startServer(env);
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
  }, 120_000);

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
