import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The one schema for every setting. Values come from an optional JSON config file
 * (`YIWANG_CONFIG=path`), then environment variables, which win. Defaults are for development only;
 * production refuses to start without its secrets.
 */
export const ConfigSchema = Type.Object(
  {
    nodeEnv: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')]),
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    /** `postgres://…` selects a PostgreSQL server; absent means embedded PGlite under dataDir. */
    databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
    /** Directory for PGlite and uploaded files; `:memory:` keeps PGlite in memory (tests). */
    dataDir: Type.String({ minLength: 1 }),
    /** Size of the node-postgres pool when databaseUrl is set. */
    databasePoolSize: Type.Integer({ minimum: 1, maximum: 200 }),
    logLevel: Type.Union([
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ]),
    /** Apply pending migrations at start. Default: yes in development/test, no in production. */
    migrateOnStart: Type.Boolean(),
    /** Load the demo organisation (and later demo data) into an empty database at start. */
    seedDemoData: Type.Boolean(),
    /** Master secret for encrypting personal data and keys at rest. Required in production. */
    appSecret: Type.Optional(Type.String({ minLength: 32 })),
    /**
     * Earlier master secrets, still read while `npm run keys:rotate-fields` re-encrypts personal data
     * under the current one; empty once it has run.
     */
    appSecretPrevious: Type.Array(Type.String({ minLength: 32 })),
    bodyLimitBytes: Type.Integer({ minimum: 1024 }),
    rateLimitMax: Type.Integer({ minimum: 1 }),
    rateLimitWindowMs: Type.Integer({ minimum: 1000 }),
    /**
     * Hosts department systems may receive webhooks on: names, IP addresses, or `*.` + a domain for
     * any host under it. Empty allows any host (development); set it in production.
     */
    webhookAllowedHosts: Type.Array(Type.String({ pattern: '^(\\*\\.)?[A-Za-z0-9.:\\[\\]-]+$' })),
    /** Origins allowed by CORS; empty means CORS is off (same-origin only). */
    corsOrigins: Type.Array(Type.String({ minLength: 1 })),
    trustProxy: Type.Boolean(),
    /** Run the pg-boss job queue and the outbox relay in this process. */
    jobsEnabled: Type.Boolean(),
    outboxPollMs: Type.Integer({ minimum: 10 }),
    outboxMaxAttempts: Type.Integer({ minimum: 1 }),
    /** Delivered outbox messages are deleted this many days after they were written (dead ones stay). */
    outboxRetentionDays: Type.Integer({ minimum: 1 }),
    /** Graceful shutdown gives in-flight requests this long before closing hard. */
    shutdownTimeoutMs: Type.Integer({ minimum: 100 }),
    /** Directory of the built web app served at `/`. */
    webDistDir: Type.String({ minLength: 1 }),
    /** Largest uploaded material (申请材料), in bytes. */
    uploadMaxBytes: Type.Integer({ minimum: 1024 }),
    /** A case turns yellow (即将超期) when this many working days or fewer remain. */
    warningYellowDays: Type.Integer({ minimum: 0, maximum: 30 }),
    /** Issuer of the unified login (OpenID Connect provider): its discovery is `<issuer>/.well-known/openid-configuration`. Default `http://localhost:<port>/oidc`. */
    oidcIssuer: Type.String({ pattern: '^https?://[^?#]+[^/?#]$' }),
    /** A sign-in session ends after this many minutes without use. */
    sessionIdleMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }),
    /** A sign-in session ends this many hours after the login, however active. */
    sessionAbsoluteHours: Type.Integer({ minimum: 1, maximum: 24 * 30 }),
  },
  { additionalProperties: false },
);

export type Config = Readonly<Static<typeof ConfigSchema>>;

/** Environment variable → config key, with how to parse it. */
const ENV_KEYS = {
  NODE_ENV: ['nodeEnv', 'string'],
  HOST: ['host', 'string'],
  PORT: ['port', 'integer'],
  DATABASE_URL: ['databaseUrl', 'string'],
  DATA_DIR: ['dataDir', 'string'],
  DATABASE_POOL_SIZE: ['databasePoolSize', 'integer'],
  LOG_LEVEL: ['logLevel', 'string'],
  MIGRATE_ON_START: ['migrateOnStart', 'boolean'],
  SEED_DEMO_DATA: ['seedDemoData', 'boolean'],
  APP_SECRET: ['appSecret', 'string'],
  APP_SECRET_PREVIOUS: ['appSecretPrevious', 'list'],
  UPLOAD_MAX_BYTES: ['uploadMaxBytes', 'integer'],
  WARNING_YELLOW_DAYS: ['warningYellowDays', 'integer'],
  BODY_LIMIT_BYTES: ['bodyLimitBytes', 'integer'],
  RATE_LIMIT_MAX: ['rateLimitMax', 'integer'],
  RATE_LIMIT_WINDOW_MS: ['rateLimitWindowMs', 'integer'],
  CORS_ORIGINS: ['corsOrigins', 'list'],
  WEBHOOK_ALLOWED_HOSTS: ['webhookAllowedHosts', 'list'],
  TRUST_PROXY: ['trustProxy', 'boolean'],
  JOBS_ENABLED: ['jobsEnabled', 'boolean'],
  OUTBOX_POLL_MS: ['outboxPollMs', 'integer'],
  OUTBOX_MAX_ATTEMPTS: ['outboxMaxAttempts', 'integer'],
  OUTBOX_RETENTION_DAYS: ['outboxRetentionDays', 'integer'],
  SHUTDOWN_TIMEOUT_MS: ['shutdownTimeoutMs', 'integer'],
  WEB_DIST_DIR: ['webDistDir', 'string'],
  OIDC_ISSUER: ['oidcIssuer', 'string'],
  SESSION_IDLE_MINUTES: ['sessionIdleMinutes', 'integer'],
  SESSION_ABSOLUTE_HOURS: ['sessionAbsoluteHours', 'integer'],
} as const satisfies Record<string, readonly [keyof Config, 'string' | 'integer' | 'boolean' | 'list']>;

/** Every problem found while loading the configuration, each naming its setting. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function parseEnvValue(name: string, raw: string, kind: 'string' | 'integer' | 'boolean' | 'list'): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'integer':
      return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    case 'boolean':
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new ConfigError([`${name}: expected true or false, got "${raw}"`]);
    case 'list':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
  }
}

function developmentDefaults(
  nodeEnv: Config['nodeEnv'],
  cwd: string,
): Omit<Config, 'nodeEnv' | 'oidcIssuer'> {
  return {
    host: '0.0.0.0',
    port: 3000,
    dataDir: resolve(cwd, 'data'),
    databasePoolSize: 10,
    logLevel: nodeEnv === 'test' ? 'silent' : 'info',
    migrateOnStart: nodeEnv !== 'production',
    seedDemoData: nodeEnv === 'development',
    bodyLimitBytes: 1024 * 1024,
    rateLimitMax: 600,
    rateLimitWindowMs: 60_000,
    corsOrigins: [],
    webhookAllowedHosts: [],
    trustProxy: false,
    jobsEnabled: true,
    outboxPollMs: 1000,
    outboxMaxAttempts: 8,
    outboxRetentionDays: 7,
    shutdownTimeoutMs: 10_000,
    webDistDir: resolve(cwd, 'apps/web/dist'),
    uploadMaxBytes: 20 * 1024 * 1024,
    warningYellowDays: 3,
    appSecretPrevious: [],
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
  };
}

/** The environment variable that names each config key, for messages people can act on. */
const ENV_NAME_OF_KEY: Record<string, string> = Object.fromEntries(
  Object.entries(ENV_KEYS).map(([envName, [key]]) => [key, envName]),
);

/**
 * Load and validate the configuration once. Throws ConfigError listing every problem; the result is
 * frozen so nothing can change a setting after boot.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Partial<Config> = {},
  cwd: string = process.cwd(),
): Config {
  const fromFile: Record<string, unknown> = {};
  const configPath = env.YIWANG_CONFIG;
  if (configPath) {
    const path = isAbsolute(configPath) ? configPath : resolve(cwd, configPath);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ConfigError([`YIWANG_CONFIG: cannot read config file ${path}`]);
    }
    try {
      Object.assign(fromFile, JSON.parse(text));
    } catch {
      throw new ConfigError([`YIWANG_CONFIG: ${path} is not valid JSON`]);
    }
  }

  const fromEnv: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, [key, kind]] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    try {
      fromEnv[key] = parseEnvValue(name, raw, kind);
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
    }
  }

  const nodeEnv = (overrides.nodeEnv ??
    fromEnv.nodeEnv ??
    fromFile.nodeEnv ??
    'development') as Config['nodeEnv'];
  const merged: Record<string, unknown> = {
    ...developmentDefaults(nodeEnv, cwd),
    ...fromFile,
    ...fromEnv,
    ...overrides,
    nodeEnv,
  };
  // The issuer defaults to this process's own address, whatever port it ends up configured with.
  if (merged.oidcIssuer === undefined) merged.oidcIssuer = `http://localhost:${String(merged.port)}/oidc`;
  for (const key of ['dataDir', 'webDistDir'] as const) {
    const value = merged[key];
    if (typeof value === 'string' && value !== ':memory:' && !isAbsolute(value))
      merged[key] = resolve(cwd, value);
  }

  problems.push(...describeSchemaProblems(merged));
  if (merged.nodeEnv === 'production') {
    if (!merged.appSecret)
      problems.push('APP_SECRET (appSecret): required in production (at least 32 characters)');
    if (!merged.databaseUrl)
      problems.push(
        'DATABASE_URL (databaseUrl): required in production (embedded PGlite is for development)',
      );
    if (merged.seedDemoData === true)
      problems.push('SEED_DEMO_DATA (seedDemoData): demo data is refused in production');
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return Object.freeze(merged as Config);
}

/** Allowed values of a setting whose schema is a union of literals, for messages. */
function allowedValues(key: string): string[] | undefined {
  const schema = (ConfigSchema.properties as Record<string, { anyOf?: { const?: unknown }[] }>)[key];
  const values = schema?.anyOf?.map((member) => member.const);
  return values?.every((value) => typeof value === 'string') ? (values as string[]) : undefined;
}

/** One readable problem per setting, naming the environment variable that sets it. */
function describeSchemaProblems(merged: Record<string, unknown>): string[] {
  const byKey = new Map<string, string>();
  for (const error of Value.Errors(ConfigSchema, merged)) {
    if (error.keyword === 'boolean' && error.schemaPath === '#/additionalProperties') {
      byKey.set(error.instancePath.slice(1), 'unknown setting');
      continue;
    }
    if (error.keyword === 'additionalProperties') continue;
    const key = error.instancePath.replace(/^\//, '').split('/')[0] ?? '';
    if (byKey.has(key) && error.keyword !== 'anyOf') continue;
    const allowed = allowedValues(key);
    byKey.set(key, allowed ? `must be one of ${allowed.join(', ')}` : error.message);
  }
  return [...byKey].map(
    ([key, message]) => `${ENV_NAME_OF_KEY[key] ? `${ENV_NAME_OF_KEY[key]} (${key})` : key}: ${message}`,
  );
}
