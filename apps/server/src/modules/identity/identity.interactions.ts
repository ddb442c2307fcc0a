import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { type RequestContext, recordAudit } from '../../platform/audit.js';
import { withTransaction } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { accountClaims, type IdentityDeps } from './identity.accounts.js';
import { actingOptions } from './identity.authority.js';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  type LoginResult,
  loginWithPassword,
  loginWithSmsCode,
  sendSmsLoginCode,
  verifySecondFactor,
} from './identity.login.js';
import type { OidcProviderHolder } from './identity.oidc.js';
import {
  chooseIdentityPage,
  consentPage,
  errorPage,
  type InteractionView,
  loginPage,
  recoveryCodesPage,
  secondFactorPage,
  totpEnrolmentPage,
} from './identity.views.js';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * Where a login interaction stands between its steps, kept in the interaction (server side, found
 * by the signed interaction cookie). Nothing here signs anyone in: only `finishLogin` does.
 */
type LoginState =
  | { stage: 'second_factor'; accountId: string; firstFactor: string[] }
  | { stage: 'totp_enrolment'; accountId: string }
  | { stage: 'recovery_codes'; accountId: string; amr: string[] }
  | { stage: 'choose_identity'; accountId: string; amr: string[] };

const STATE_KEY = 'yiwang';

function stateOf(interaction: Interaction): LoginState | undefined {
  return (interaction.result as Record<string, unknown> | undefined)?.[STATE_KEY] as LoginState | undefined;
}

async function saveState(interaction: Interaction, state: LoginState | undefined): Promise<void> {
  interaction.result = state ? { [STATE_KEY]: state } : {};
  await interaction.save(Math.max(1, (interaction.exp ?? 0) - Math.floor(Date.now() / 1000)));
}

type Form = Record<string, string>;

function parseForm(body: string): Form {
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(body)) form[key] ??= value;
  return form;
}

/**
 * Our own zh-CN sign-in interactions in place of oidc-provider's development ones: login by password
 * or SMS code, the second factor or TOTP enrolment (staff), 选择办事身份 for a person who is an
 * enterprise's agent, and consent (skipped for first-party systems). Every form POSTs to the
 * interaction's own URL: the interaction is found by its signed SameSite cookie, which a foreign
 * site's form does not send, and must match the uid in the URL.
 */
export async function interactionRoutes(
  app: FastifyInstance,
  options: { holder: OidcProviderHolder; path: string },
): Promise<void> {
  const { holder, path } = options;
  const db = app.database.db;
  const deps: IdentityDeps = { cipher: app.fieldCipher, now: () => new Date() };

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, parseForm(body as string)),
  );

  const contextOf = (request: FastifyRequest, accountId?: string): RequestContext => ({
    actor: accountId ? { kind: 'person', id: accountId } : { kind: 'anonymous', id: request.ip },
    requestId: String(request.id),
  });

  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

  /** The interaction of this browser, when it is the one in the URL. */
  async function interactionOf(request: FastifyRequest, reply: FastifyReply) {
    const provider = await holder.current();
    const { uid } = request.params as { uid: string };
    try {
      const interaction = await provider.interactionDetails(request.raw, reply.raw);
      if (interaction.uid === uid) return { provider, interaction };
    } catch {
      // expired, or no cookie: below
    }
    html(reply, errorPage('session_not_found'), 400);
    return undefined;
  }

  async function viewOf(
    provider: Provider,
    interaction: Interaction,
    error?: string,
  ): Promise<InteractionView> {
    const client = await provider.Client.find(String(interaction.params.client_id));
    return {
      action: `${path}/interaction/${interaction.uid}`,
      clientName: client?.clientName ?? String(interaction.params.client_id),
      ...(error ? { error } : {}),
    };
  }

  const messageOf = (error: unknown): string => {
    if (error instanceof AppError) return error.message;
    throw error;
  };

  /** Show the step the login stands at. */
  async function renderLogin(
    reply: FastifyReply,
    provider: Provider,
    interaction: Interaction,
    request: FastifyRequest,
    extra: { error?: string; login?: string; mobile?: string; smsSent?: boolean } = {},
  ) {
    const view = await viewOf(provider, interaction, extra.error);
    const state = stateOf(interaction);
    switch (state?.stage) {
      case 'second_factor':
        return html(reply, secondFactorPage(view));
      case 'totp_enrolment': {
        // A fresh secret each time the page is shown: the secret never rests in the interaction.
        const enrolment = await beginTotpEnrolment(db, deps, contextOf(request), state.accountId);
        return html(reply, totpEnrolmentPage({ ...view, ...enrolment }));
      }
      case 'recovery_codes':
        return html(reply, recoveryCodesPage({ ...view, codes: [] }));
      case 'choose_identity': {
        const claims = await accountClaims(db, deps, state.accountId);
        const options = await actingOptions(db, state.accountId, deps.now());
        return html(reply, chooseIdentityPage({ ...view, personName: claims?.name ?? '', options }));
      }
      default:
        return html(reply, loginPage({ ...view, ...extra }));
    }
  }

  /** Signed in: go on to 选择办事身份 when the person is an agent, else finish the login. */
  async function authenticated(
    request: FastifyRequest,
    reply: FastifyReply,
    provider: Provider,
    interaction: Interaction,
    accountId: string,
    amr: string[],
  ) {
    const options = await actingOptions(db, accountId, deps.now());
    if (options.length > 0) {
      await saveState(interaction, { stage: 'choose_identity', accountId, amr });
      return renderLogin(reply, provider, interaction, request);
    }
    return finishLogin(request, reply, provider, accountId, amr, undefined);
  }

  async function finishLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    provider: Provider,
    accountId: string,
    amr: string[],
    actFor: string | undefined,
  ) {
    const claims = await accountClaims(db, deps, accountId);
    const result = {
      // A browser session, not a persistent cookie: a shared counter computer forgets it on close.
      login: { accountId, amr, ...(claims ? { acr: claims.acr } : {}), remember: false },
      actFor,
    } as InteractionResults;
    const returnTo = await provider.interactionResult(request.raw, reply.raw, result, {
      mergeWithLastSubmission: false,
    });
    return reply.redirect(returnTo, 303);
  }

  /** Where a first factor leads. */
  async function afterFirstFactor(
    request: FastifyRequest,
    reply: FastifyReply,
    provider: Provider,
    interaction: Interaction,
    result: LoginResult,
    firstFactor: string[],
  ) {
    if (result.status === 'authenticated')
      return authenticated(request, reply, provider, interaction, result.accountId, result.amr);
    await saveState(
      interaction,
      result.status === 'second_factor'
        ? { stage: 'second_factor', accountId: result.accountId, firstFactor }
        : { stage: 'totp_enrolment', accountId: result.accountId },
    );
    return renderLogin(reply, provider, interaction, request);
  }

  const route = { config: { access: 'public' as const }, schema: { hide: true } };
  const base = `${path}/interaction/:uid`;

  app.get(base, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const { provider, interaction } = found;
    if (interaction.prompt.name === 'login') return renderLogin(reply, provider, interaction, request);
    const client = await provider.Client.find(String(interaction.params.client_id));
    if (client?.['urn:yiwang:first_party'] === true)
      return consent(request, reply, provider, interaction, 'allow');
    const details = interaction.prompt.details as {
      missingOIDCScope?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const scopes = [
      ...(details.missingOIDCScope ?? []),
      ...Object.values(details.missingResourceScopes ?? {}).flat(),
    ];
    return html(reply, consentPage({ ...(await viewOf(provider, interaction)), scopes }));
  });

  app.post(`${base}/password`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const { provider, interaction } = found;
    const form = (request.body ?? {}) as Form;
    const login = (form.login ?? '').trim();
    try {
      const result = await loginWithPassword(db, deps, contextOf(request), {
        login,
        password: form.password ?? '',
        address: request.ip,
      });
      return await afterFirstFactor(request, reply, provider, interaction, result, ['pwd']);
    } catch (error) {
      return renderLogin(reply, provider, interaction, request, { error: messageOf(error), login });
    }
  });

  app.post(`${base}/sms-code`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const { provider, interaction } = found;
    const mobile = ((request.body ?? {}) as Form).mobile?.trim() ?? '';
    try {
      await sendSmsLoginCode(db, deps, contextOf(request), { mobile, address: request.ip });
      return await renderLogin(reply, provider, interaction, request, { mobile, smsSent: true });
    } catch (error) {
      return renderLogin(reply, provider, interaction, request, { error: messageOf(error), mobile });
    }
  });

  app.post(`${base}/sms`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const { provider, interaction } = found;
    const form = (request.body ?? {}) as Form;
    const mobile = form.mobile?.trim() ?? '';
    try {
      const result = await loginWithSmsCode(db, deps, contextOf(request), {
        mobile,
        code: form.code ?? '',
        address: request.ip,
      });
      return await afterFirstFactor(request, reply, provider, interaction, result, ['sms']);
    } catch (error) {
      return renderLogin(reply, provider, interaction, request, {
        error: messageOf(error),
        mobile,
        smsSent: true,
      });
    }
  });

  app.post(`${base}/second-factor`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const { provider, interaction } = found;
    const state = stateOf(interaction);
    if (state?.stage !== 'second_factor') return renderLogin(reply, provider, interaction, request);
    try {
      const result = await verifySecondFactor(db, deps, contextOf(request), {
        accountId: state.accountId,
        code: ((request.body ?? {}) as Form).code ?? '',
        address: request.ip,
        firstFactorAmr: state.firstFactor,
      });
      return await authenticated(request, reply, provider, interaction, result.accountId, result.amr);
    } catch (error) {
      return renderLogin(reply, provider, interaction, request, { error: messageOf(error) });
    }
  });

  app.post(`${base}/totp-enrolment`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const { provider, interaction } = found;
    const state = stateOf(interaction);
    if (state?.stage !== 'totp_enrolment') return renderLogin(reply, provider, interaction, request);
    try {
      const { recoveryCodes } = await confirmTotpEnrolment(db, deps, contextOf(request), {
        accountId: state.accountId,
        code: ((request.body ?? {}) as Form).code ?? '',
      });
      await saveState(interaction, {
        stage: 'recovery_codes',
        accountId: state.accountId,
        amr: ['pwd', 'otp'],
      });
      return html(
        reply,
        recoveryCodesPage({ ...(await viewOf(provider, interaction)), codes: recoveryCodes }),
      );
    } catch (error) {
      const view = await viewOf(provider, interaction, messageOf(error));
      const enrolment = await beginTotpEnrolment(db, deps, contextOf(request), state.accountId);
      return html(reply, totpEnrolmentPage({ ...view, ...enrolment }));
    }
  });

  app.post(`${base}/continue`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const { provider, interaction } = found;
    const state = stateOf(interaction);
    if (state?.stage !== 'recovery_codes') return renderLogin(reply, provider, interaction, request);
    return authenticated(request, reply, provider, interaction, state.accountId, state.amr);
  });

  app.post(`${base}/identity`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const { provider, interaction } = found;
    const state = stateOf(interaction);
    if (state?.stage !== 'choose_identity') return renderLogin(reply, provider, interaction, request);
    const choice = ((request.body ?? {}) as Form).actFor ?? 'self';
    if (choice === 'self')
      return finishLogin(request, reply, provider, state.accountId, state.amr, undefined);
    const options = await actingOptions(db, state.accountId, deps.now());
    if (!options.some((option) => option.enterpriseId === choice)) {
      return renderLogin(reply, provider, interaction, request, {
        error: '您未获该企业授权，不能代表其办事',
      });
    }
    return finishLogin(request, reply, provider, state.accountId, state.amr, choice);
  });

  app.post(`${base}/consent`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const decision = ((request.body ?? {}) as Form).decision === 'allow' ? 'allow' : 'deny';
    return consent(request, reply, found.provider, found.interaction, decision);
  });

  app.post(`${base}/abort`, route, async (request, reply) => {
    const found = await interactionOf(request, reply);
    if (!found) return reply;
    const returnTo = await found.provider.interactionResult(
      request.raw,
      reply.raw,
      { error: 'access_denied', error_description: '用户取消了登录' },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(returnTo, 303);
  });

  /** 授权: record what the person allowed this system, with the acting identity of the session. */
  async function consent(
    request: FastifyRequest,
    reply: FastifyReply,
    provider: Provider,
    interaction: Interaction,
    decision: 'allow' | 'deny',
  ) {
    const accountId = interaction.session?.accountId;
    const clientId = String(interaction.params.client_id);
    if (interaction.prompt.name !== 'consent' || !accountId)
      return html(reply, errorPage('invalid_request'), 400);
    const context = contextOf(request, accountId);
    if (decision === 'deny') {
      await withTransaction(db, (tx) =>
        recordAudit(tx, context, {
          action: 'identity.consent.denied',
          entityType: 'oidc_client',
          entityId: clientId,
        }),
      );
      const returnTo = await provider.interactionResult(
        request.raw,
        reply.raw,
        { error: 'access_denied', error_description: '用户拒绝授权' },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(returnTo, 303);
    }
    const details = interaction.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const grant = interaction.grantId
      ? ((await provider.Grant.find(interaction.grantId)) ?? new provider.Grant({ accountId, clientId }))
      : new provider.Grant({ accountId, clientId });
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(' '));
    const session = interaction.session?.uid
      ? await provider.Session.findByUid(interaction.session.uid)
      : undefined;
    (grant as unknown as { actFor?: string }).actFor = (session as { actFor?: string } | undefined)?.actFor;
    const grantId = await grant.save();
    await withTransaction(db, (tx) =>
      recordAudit(tx, context, {
        action: 'identity.consent.granted',
        entityType: 'oidc_client',
        entityId: clientId,
        after: { grantId, scope: grant.getOIDCScope(), resources: details.missingResourceScopes ?? {} },
      }),
    );
    const returnTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      { consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(returnTo, 303);
  }
}
