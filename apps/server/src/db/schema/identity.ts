import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 账户: one sign-in identity. A natural person (自然人) by citizen ID, a legal person (法人) by
 * unified social credit code, or a staff member (工作人员) of a department. ID numbers and mobiles
 * are stored encrypted (platform/field-crypto) with a blind index for lookup, never in clear.
 */
export const accounts = pgTable(
  'identity_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['person', 'enterprise', 'staff'] }).notNull(),
    /** Name of the person, the enterprise or the staff member. */
    name: text('name').notNull(),
    /** Login name: staff choose one; persons and enterprises log in by ID number / credit code or mobile. */
    username: text('username'),
    /** Citizen ID (person, staff) or credit code (enterprise), encrypted. */
    identifierEncrypted: text('identifier_encrypted'),
    /** Blind index (HMAC) of the identifier: unique per account kind. */
    identifierIndex: text('identifier_index'),
    /** Masked form for lists and logs (110101********1234). */
    identifierMasked: text('identifier_masked'),
    mobileEncrypted: text('mobile_encrypted'),
    mobileIndex: text('mobile_index'),
    mobileMasked: text('mobile_masked'),
    /** 法定代表人 (enterprise). */
    legalRepresentative: text('legal_representative'),
    /** Staff: the department and region they belong to. */
    departmentId: uuid('department_id'),
    regionCode: text('region_code'),
    /** 身份核验等级: self_declared 自行声明 / population 人口库核验 / in_person 现场核验. */
    assurance: text('assurance', { enum: ['self_declared', 'population', 'in_person'] })
      .notNull()
      .default('self_declared'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    passwordHash: text('password_hash'),
    passwordChangedAt: at('password_changed_at'),
    /** TOTP secret (base32), encrypted; mandatory for staff once enrolled. */
    totpSecretEncrypted: text('totp_secret_encrypted'),
    totpEnabledAt: at('totp_enabled_at'),
    /** Last TOTP time step used: a code is accepted once. */
    totpLastStep: integer('totp_last_step'),
    /** Progressive lockout per account. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: at('locked_until'),
    lastLoginAt: at('last_login_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('identity_accounts_identifier_idx')
      .on(table.kind, table.identifierIndex)
      .where(sql`${table.identifierIndex} is not null`),
    uniqueIndex('identity_accounts_username_idx')
      .on(sql`lower(${table.username})`)
      .where(sql`${table.username} is not null`),
    index('identity_accounts_mobile_idx').on(table.mobileIndex),
    index('identity_accounts_department_idx').on(table.departmentId),
    check(
      'identity_accounts_staff_has_department',
      sql`${table.kind} <> 'staff' or (${table.departmentId} is not null and ${table.username} is not null)`,
    ),
    check(
      'identity_accounts_citizen_has_identifier',
      sql`${table.kind} = 'staff' or ${table.identifierIndex} is not null`,
    ),
  ],
);

/** Earlier password hashes: a new password may not repeat the last few. */
export const passwordHistory = pgTable(
  'identity_password_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('identity_password_history_account_idx').on(table.accountId, table.createdAt)],
);

/** Recovery codes for the second factor, each usable once (stored as SHA-256). */
export const recoveryCodes = pgTable(
  'identity_recovery_codes',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: at('used_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.codeHash] })],
);

/** SMS one-time codes (短信验证码) for login and unlock; the code itself is stored as a hash. */
export const smsCodes = pgTable(
  'identity_sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mobileIndex: text('mobile_index').notNull(),
    purpose: text('purpose', { enum: ['login', 'unlock', 'verify_mobile'] }).notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: at('expires_at').notNull(),
    consumedAt: at('consumed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('identity_sms_codes_mobile_idx').on(table.mobileIndex, table.purpose, table.createdAt)],
);

/** Failed logins per client address: progressive lockout of an address that guesses many accounts. */
export const addressThrottle = pgTable('identity_address_throttle', {
  address: text('address').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: at('window_started_at').notNull().defaultNow(),
  lockedUntil: at('locked_until'),
  /** Locks in a row (each doubles the last); forgotten a day after the last lock ended. */
  lockCount: integer('lock_count').notNull().default(0),
});

/**
 * 经办人授权: a natural person acting for an enterprise within granted items (implementation or
 * basic codes; empty = every item) and dates.
 */
export const enterpriseAgents = pgTable(
  'identity_enterprise_agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => accounts.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => accounts.id),
    itemCodes: text('item_codes').array().notNull().default(sql`'{}'::text[]`),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    grantedBy: uuid('granted_by').notNull(),
    revokedAt: at('revoked_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('identity_enterprise_agents_person_idx').on(table.personId),
    index('identity_enterprise_agents_enterprise_idx').on(table.enterpriseId),
    check('identity_enterprise_agents_dates', sql`${table.validFrom} <= ${table.validUntil}`),
  ],
);

/**
 * 角色授权: a staff role over a scope — a department (optionally with its sub-units) and/or a
 * region subtree. No department and no region: the role applies everywhere.
 */
export const roleGrants = pgTable(
  'identity_role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role').notNull(),
    departmentId: uuid('department_id'),
    includeSubUnits: boolean('include_sub_units').notNull().default(false),
    regionCode: text('region_code'),
    grantedBy: text('granted_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    revokedAt: at('revoked_at'),
  },
  (table) => [index('identity_role_grants_account_idx').on(table.accountId)],
);

/**
 * oidc-provider's storage: sessions, grants, codes, tokens and interactions, one row per model
 * instance, found by id, grant id, user code or uid. Expired rows are pruned by a job.
 */
export const oidcPayloads = pgTable(
  'identity_oidc_payloads',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    /** The account a session or token belongs to: lists a person's sessions. */
    accountId: text('account_id'),
    expiresAt: at('expires_at'),
    consumedAt: at('consumed_at'),
    /** Last write: for a session, when it was last active. */
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.kind, table.id] }),
    index('identity_oidc_payloads_grant_idx').on(table.grantId),
    index('identity_oidc_payloads_uid_idx').on(table.uid),
    index('identity_oidc_payloads_user_code_idx').on(table.userCode),
    index('identity_oidc_payloads_account_idx').on(table.accountId, table.kind),
    index('identity_oidc_payloads_expires_idx').on(table.expiresAt),
  ],
);

/**
 * Token signing keys of the OIDC provider. The private JWK is encrypted at rest; a rotated key stays
 * published (for verification) until `retireAfter`, when every token it signed has expired.
 */
export const signingKeys = pgTable('identity_signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull(),
  privateJwkEncrypted: text('private_jwk_encrypted').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  /** Set when a newer key took over signing. */
  rotatedAt: at('rotated_at'),
  /** No longer published after this time. */
  retireAfter: at('retire_after'),
});

/**
 * 接入系统: a department system registered as a relying party of the unified login. The client secret
 * is shown once and kept only as a SHA-256 hash.
 */
export const clients = pgTable(
  'identity_clients',
  {
    clientId: text('client_id').primaryKey(),
    name: text('name').notNull(),
    /** The owning department; null only for the platform's own first-party web app. */
    departmentId: uuid('department_id'),
    redirectUris: text('redirect_uris').array().notNull(),
    postLogoutRedirectUris: text('post_logout_redirect_uris').array().notNull().default(sql`'{}'::text[]`),
    scopes: text('scopes').array().notNull(),
    backchannelLogoutUri: text('backchannel_logout_uri'),
    /** `none`: a public client (the platform's own browser app, PKCE only), first-party only. */
    authMethod: text('auth_method', { enum: ['client_secret_basic', 'private_key_jwt', 'none'] }).notNull(),
    secretHash: text('secret_hash'),
    jwks: jsonb('jwks').$type<{ keys: Record<string, unknown>[] } | null>(),
    /** How ID tokens for this client are signed: ES256, or RS256 for systems that cannot verify EC. */
    idTokenAlg: text('id_token_alg', { enum: ['ES256', 'RS256'] })
      .notNull()
      .default('ES256'),
    /** First-party clients (the platform's own web app) skip the consent page. */
    firstParty: boolean('first_party').notNull().default(false),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('identity_clients_department_idx').on(table.departmentId),
    check(
      'identity_clients_auth',
      sql`(${table.authMethod} = 'client_secret_basic' and ${table.secretHash} is not null) or (${table.authMethod} = 'private_key_jwt' and ${table.jwks} is not null) or (${table.authMethod} = 'none' and ${table.firstParty})`,
    ),
    check('identity_clients_owner', sql`${table.firstParty} or ${table.departmentId} is not null`),
  ],
);
