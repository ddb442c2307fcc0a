import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { contextOf } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import { type Tx, withTransaction } from '../../platform/database.js';
import { ErrorBody, errorResponses, unauthorized } from '../../platform/errors.js';
import type { AccountSummary, IdentityDeps } from './identity.accounts.js';
import * as accounts from './identity.accounts.js';
import * as schemas from './identity.accounts.schemas.js';
import { identityErrors } from './identity.errors.js';
import * as login from './identity.login.js';
import type { PopulationBase } from './identity.ports.js';

const errors = errorResponses;
/** Routes that can answer with a lockout (423) or a throttle (429). */
const guardedErrors = { ...errorResponses, 423: ErrorBody, 429: ErrorBody } as const;
const manage = { permission: 'identity.accounts.manage' };
const verify = { permission: 'identity.accounts.verify' };
/** Registration and unlock codes: a handful a minute per client is plenty for people. */
const strictLimit = { max: 10, timeWindow: 60_000 };
const selfServiceLimit = { max: 20, timeWindow: 60_000 };

/** An account summary as JSON (times as ISO strings). */
function summaryJson(account: AccountSummary) {
  return {
    ...account,
    lockedUntil: account.lockedUntil?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
  };
}

const UNLOCK_CODE_MESSAGE = '如该账户已绑定手机号码，解锁验证码已发送，5 分钟内有效';

/**
 * 账户: registration of persons and enterprises, staff accounts, administration (unlock, disable,
 * assurance), self service (password, TOTP, recovery codes) and the public unlock path.
 */
export async function identityAccountRoutes(
  fastify: FastifyInstance,
  options: { deps?: IdentityDeps; population: PopulationBase },
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['identity 统一身份认证'];
  const deps: IdentityDeps = options.deps ?? { cipher: app.fieldCipher, now: () => new Date() };
  const db = () => app.database.db;
  /** The signed-in caller's own account id. */
  const self = (request: FastifyRequest) => {
    if (!request.principal) throw unauthorized();
    return request.principal.id;
  };

  app.post(
    '/identity/persons',
    {
      config: { access: 'public', rateLimit: strictLimit },
      schema: {
        tags,
        summary: 'Register a natural person (自然人注册); the identity is self-declared until verified',
        body: schemas.RegisterPersonBody,
        response: { 201: schemas.CreatedResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const created = await withTransaction(db(), (tx) =>
        accounts.createPersonAccount(tx, deps, contextOf(request), {
          ...request.body,
          assurance: 'self_declared',
        }),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/identity/enterprises',
    {
      config: { access: 'public', rateLimit: strictLimit },
      schema: {
        tags,
        summary: 'Register a legal person (法人注册) by unified social credit code',
        body: schemas.RegisterEnterpriseBody,
        response: { 201: schemas.CreatedResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const created = await withTransaction(db(), (tx) =>
        accounts.createEnterpriseAccount(tx, deps, contextOf(request), request.body),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/identity/staff',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Create a staff account (工作人员); TOTP is enrolled at the first sign-in',
        body: schemas.CreateStaffBody,
        response: { 201: schemas.CreatedResponse, ...errors },
      },
    },
    async (request, reply) => {
      const created = await withTransaction(db(), (tx) =>
        accounts.createStaffAccount(tx, deps, contextOf(request), request.body),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/identity/accounts',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Accounts, a page at a time; personal data masked',
        querystring: schemas.AccountListQuery,
        response: { 200: schemas.AccountListResponse, ...errors },
      },
    },
    async (request) => {
      const { kind, q, page = 1, pageSize = 20 } = request.query;
      const result = await accounts.listAccounts(db(), deps, contextOf(request), { kind, q, page, pageSize });
      return { ...result, items: result.items.map(summaryJson) };
    },
  );

  app.get(
    '/identity/accounts/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'One account, masked',
        params: schemas.IdParams,
        response: { 200: schemas.AccountSummarySchema, ...errors },
      },
    },
    async (request) =>
      summaryJson(await accounts.getAccount(db(), request.params.id, 'params.id', contextOf(request))),
  );

  const adminAction = (
    path: string,
    summary: string,
    act: (tx: Tx, context: RequestContext, id: string) => Promise<AccountSummary>,
  ) =>
    app.post(
      `/identity/accounts/:id/${path}`,
      {
        config: { access: manage },
        schema: {
          tags,
          summary,
          params: schemas.IdParams,
          response: { 200: schemas.AccountSummarySchema, ...errors },
        },
      },
      async (request) =>
        summaryJson(await withTransaction(db(), (tx) => act(tx, contextOf(request), request.params.id))),
    );

  adminAction('unlock', 'Lift the lockout of an account after failed sign-ins', accounts.unlockAccount);
  adminAction(
    'totp/reset',
    'Reset a lost second factor: the account enrols TOTP again at its next sign-in',
    accounts.resetSecondFactor,
  );
  adminAction('disable', 'Disable an account: it cannot sign in by any method', (tx, context, id) =>
    accounts.setAccountStatus(tx, context, id, 'disabled'),
  );
  adminAction('enable', 'Enable a disabled account again', (tx, context, id) =>
    accounts.setAccountStatus(tx, context, id, 'active'),
  );

  app.post(
    '/identity/accounts/:id/assurance',
    {
      config: { access: verify },
      schema: {
        tags,
        summary: 'Record the identity assurance level (身份核验等级), e.g. 现场核验 at the window',
        params: schemas.IdParams,
        body: schemas.AssuranceBody,
        response: { 200: schemas.AccountSummarySchema, ...errors },
      },
    },
    async (request) =>
      summaryJson(
        await withTransaction(db(), (tx) =>
          accounts.setAssurance(tx, contextOf(request), request.params.id, request.body.level),
        ),
      ),
  );

  // ——— self service ———

  app.get(
    '/me/account',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "The caller's own account, masked",
        response: { 200: schemas.AccountSummarySchema, ...errors },
      },
    },
    async (request) => {
      const account = await accounts.findAccount(db(), self(request));
      if (!account) throw identityErrors.accountNotFound('principal');
      return summaryJson(account);
    },
  );

  app.post(
    '/identity/population-check',
    {
      config: { access: { permission: 'cases.window' }, rateLimit: selfServiceLimit },
      schema: {
        tags,
        summary: '人口库核验 at the window: does this citizen ID belong to a person of this name? (audited)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 50 }),
            citizenId: Type.String({ minLength: 18, maxLength: 18 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              answer: Type.Union([
                Type.Literal('match'),
                Type.Literal('mismatch'),
                Type.Literal('not_found'),
              ]),
            },
            { additionalProperties: false },
          ),
          ...errors,
        },
      },
    },
    async (request) => ({
      answer: await accounts.checkPersonAtWindow(
        db(),
        deps,
        contextOf(request),
        options.population,
        request.body,
      ),
    }),
  );

  app.post(
    '/me/identity-verification',
    {
      config: { access: 'authenticated', rateLimit: selfServiceLimit },
      schema: {
        tags,
        summary:
          'Verify my name and citizen ID against the population base (人口库核验): assurance becomes population',
        response: { 200: schemas.AccountSummarySchema, ...errors },
      },
    },
    async (request) =>
      summaryJson(
        await accounts.verifyAgainstPopulationBase(
          db(),
          deps,
          contextOf(request),
          options.population,
          self(request),
        ),
      ),
  );

  app.post(
    '/me/password',
    {
      config: { access: 'authenticated', rateLimit: selfServiceLimit },
      schema: {
        tags,
        summary: "Change one's own password (the current one proves it is the holder)",
        body: schemas.ChangePasswordBody,
        response: { 204: Type.Null(), ...guardedErrors },
      },
    },
    async (request, reply) => {
      await login.changePassword(db(), deps, contextOf(request), {
        accountId: self(request),
        ...request.body,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/totp',
    {
      config: { access: 'authenticated', rateLimit: selfServiceLimit },
      schema: {
        tags,
        summary: 'Start binding an authenticator app (动态口令): a secret and its QR-code URI',
        response: { 200: schemas.TotpBeginResponse, ...errors },
      },
    },
    async (request) => {
      const accountId = self(request);
      if (!(await accounts.findAccount(db(), accountId))) throw identityErrors.accountNotFound('principal');
      return login.beginTotpEnrolment(db(), deps, contextOf(request), accountId);
    },
  );

  app.post(
    '/me/totp/confirm',
    {
      config: { access: 'authenticated', rateLimit: selfServiceLimit },
      schema: {
        tags,
        summary: 'Confirm the binding with a first code; answers ten recovery codes, shown once',
        body: schemas.CodeBody,
        response: { 200: schemas.RecoveryCodesResponse, ...guardedErrors },
      },
    },
    async (request) =>
      login.confirmTotpEnrolment(db(), deps, contextOf(request), {
        accountId: self(request),
        code: request.body.code,
      }),
  );

  app.post(
    '/me/recovery-codes',
    {
      config: { access: 'authenticated', rateLimit: selfServiceLimit },
      schema: {
        tags,
        summary:
          'Replace the recovery codes (a current TOTP code proves the holder); the old ones stop working',
        body: schemas.CodeBody,
        response: { 200: schemas.RecoveryCodesResponse, ...guardedErrors },
      },
    },
    async (request) =>
      login.regenerateRecoveryCodes(db(), deps, contextOf(request), {
        accountId: self(request),
        code: request.body.code,
        address: request.ip,
      }),
  );

  // ——— public unlock path ———

  app.post(
    '/identity/unlock/code',
    {
      config: { access: 'public', rateLimit: strictLimit },
      schema: {
        tags,
        summary: 'Send an unlock code to the mobile of a locked account (the same answer for any login)',
        body: schemas.UnlockCodeBody,
        response: { 202: schemas.AcceptedResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      await login.sendUnlockCode(db(), deps, contextOf(request), {
        login: request.body.login,
        address: request.ip,
      });
      return reply.status(202).send({ accepted: true, message: UNLOCK_CODE_MESSAGE });
    },
  );

  app.post(
    '/identity/unlock',
    {
      config: { access: 'public', rateLimit: strictLimit },
      schema: {
        tags,
        summary: "Lift the lockout of one's account with the unlock code",
        body: schemas.UnlockBody,
        response: { 204: Type.Null(), ...guardedErrors },
      },
    },
    async (request, reply) => {
      await login.unlockWithSmsCode(db(), deps, contextOf(request), { ...request.body, address: request.ip });
      return reply.status(204).send(null);
    },
  );
}
