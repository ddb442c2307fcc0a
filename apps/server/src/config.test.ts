import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has development defaults: port 3000, PGlite under ./data, migrations and demo data at start', () => {
    const config = loadConfig({}, {}, '/srv/yiwang');
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('/srv/yiwang/data');
    expect(config.migrateOnStart).toBe(true);
    expect(config.seedDemoData).toBe(true);
    expect(config.corsOrigins).toEqual([]);
  });

  it('reads and converts environment variables', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@db/yiwang',
      LOG_LEVEL: 'debug',
      MIGRATE_ON_START: 'false',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      WEBHOOK_ALLOWED_HOSTS: 'approval.zj.gov.cn, *.scjg.hangzhou.gov.cn,10.20.0.8',
      DATA_DIR: 'var/data',
    });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBe('postgres://u@db/yiwang');
    expect(config.logLevel).toBe('debug');
    expect(config.migrateOnStart).toBe(false);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.webhookAllowedHosts).toEqual(['approval.zj.gov.cn', '*.scjg.hangzhou.gov.cn', '10.20.0.8']);
    // A URL where a host belongs is refused, naming the setting.
    expect(() =>
      loadConfig({ NODE_ENV: 'test', WEBHOOK_ALLOWED_HOSTS: 'https://approval.zj.gov.cn/' }),
    ).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    expect(config.dataDir).toBe(join(process.cwd(), 'var/data'));
  });

  it('is frozen: nothing can change a setting after boot', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('lists every invalid setting by its environment variable, in one error', () => {
    const problems = problemsOf(() =>
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', JOBS_ENABLED: 'perhaps' }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT \(port\): /),
        'LOG_LEVEL (logLevel): must be one of fatal, error, warn, info, debug, trace, silent',
        expect.stringMatching(/^DATABASE_URL \(databaseUrl\): /),
        'JOBS_ENABLED: expected true or false, got "perhaps"',
      ]),
    );
  });

  it('refuses an out-of-range port', () => {
    expect(problemsOf(() => loadConfig({ PORT: '70000' }))).toEqual(['PORT (port): must be <= 65535']);
  });

  it('refuses to start production without its secrets, and refuses demo data there', () => {
    const problems = problemsOf(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^APP_SECRET \(appSecret\): required in production/),
        expect.stringMatching(/^DATABASE_URL \(databaseUrl\): required in production/),
        expect.stringMatching(/^SEED_DEMO_DATA/),
      ]),
    );
  });

  it('accepts production with its secrets, without migrating at start unless told to', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      APP_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://app@db/yiwang',
    });
    expect(config.migrateOnStart).toBe(false);
    expect(config.seedDemoData).toBe(false);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        APP_SECRET: 'x'.repeat(40),
        DATABASE_URL: 'postgres://a@b/c',
        MIGRATE_ON_START: 'true',
      }).migrateOnStart,
    ).toBe(true);
  });

  it('refuses a short APP_SECRET', () => {
    expect(problemsOf(() => loadConfig({ APP_SECRET: 'short' }))).toEqual([
      'APP_SECRET (appSecret): must not have fewer than 32 characters',
    ]);
  });

  it('reads an optional JSON config file; environment variables win over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yiwang-config-'));
    const path = join(dir, 'yiwang.json');
    writeFileSync(path, JSON.stringify({ port: 4000, logLevel: 'warn', rateLimitMax: 50 }));
    const config = loadConfig({ YIWANG_CONFIG: path, LOG_LEVEL: 'error' });
    expect(config.port).toBe(4000);
    expect(config.rateLimitMax).toBe(50);
    expect(config.logLevel).toBe('error');
  });

  it('names unknown settings, unreadable files and invalid JSON in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yiwang-config-'));
    const unknown = join(dir, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ prot: 3000 }));
    expect(problemsOf(() => loadConfig({ YIWANG_CONFIG: unknown }))).toEqual(['prot: unknown setting']);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ port: ');
    expect(problemsOf(() => loadConfig({ YIWANG_CONFIG: broken }))[0]).toMatch(/is not valid JSON/);
    expect(problemsOf(() => loadConfig({ YIWANG_CONFIG: join(dir, 'missing.json') }))[0]).toMatch(
      /cannot read/,
    );
  });
});
