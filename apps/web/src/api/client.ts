/**
 * The one HTTP client of the web app. Every call to the server goes through it, typed by the
 * OpenAPI document (`schema.d.ts`): it adds the signed-in user's bearer token, sends an
 * Idempotency-Key with state-changing POSTs when asked, and turns every failure into an `ApiError`
 * carrying the server's `{ code, message, details, requestId }` so pages can show designed error
 * states instead of raw errors.
 */
import type { paths } from './schema';
import type { HttpMethod, PathParamsOf, PathsWith, QueryOf, ResponseOf } from './types';

/** The body every server error is rendered as (DESIGN.md, rule 4: one error model). */
export interface ApiErrorBody {
  /** Stable machine-readable code, e.g. `CATALOGUE_ITEM_NOT_FOUND`. */
  code: string;
  /** A message for people, in Chinese; safe to show as is. */
  message: string;
  details?: unknown;
  /** Quote this when contacting support; it ties the failure to the server's logs. */
  requestId?: string;
}

/** A failed request: the server's error body plus the HTTP status (0 when the network failed). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, body: ApiErrorBody, options?: ErrorOptions) {
    super(body.message, options);
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
  }

  /** The form fields the server named as wrong (`details.fields`), for inline messages. */
  get fieldErrors(): { field: string; message: string }[] {
    const details = this.details as { fields?: { field: string; message: string }[] } | undefined;
    return Array.isArray(details?.fields) ? details.fields : [];
  }
}

/** Where the client gets the current access token and what it does when the server refuses it. */
interface AuthHooks {
  accessToken: () => string | null;
  /** The token was refused (expired or revoked): the auth module signs in again. */
  onUnauthorized: () => void;
}

let authHooks: AuthHooks = { accessToken: () => null, onUnauthorized: () => {} };

/** Called once by the auth module; keeps this client free of any login logic. */
export function connectAuth(hooks: AuthHooks): void {
  authHooks = hooks;
}

/** The Authorization header of the current user, for the few requests made without this client (XHR uploads). */
export function authorizationHeader(): Record<string, string> {
  const token = authHooks.accessToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Codes with which the server refuses a missing or invalid token. */
const UNAUTHORIZED_CODES = new Set(['AUTH_REQUIRED', 'AUTH_TOKEN_INVALID', 'AUTH_TOKEN_EXPIRED']);

/** A fresh key for one state-changing attempt; reuse it when retrying the same attempt. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

interface CallOptions<P extends keyof paths, M extends HttpMethod> {
  /** Values of the path's `{name}` parameters. */
  path?: PathParamsOf<P, M>;
  query?: QueryOf<P, M>;
  body?: unknown;
  /** Sent as `Idempotency-Key`: the server answers a retry with the first answer. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** GET a typed API path, e.g. `apiGet('/api/v1/items/{code}', { path: { code } })`. */
export function apiGet<P extends PathsWith<'get'>>(
  path: P,
  options: CallOptions<P, 'get'> = {},
): Promise<ResponseOf<P, 'get'>> {
  return request('GET', buildUrl(path, options.path, options.query), options) as Promise<
    ResponseOf<P, 'get'>
  >;
}

/** POST, PUT, PATCH or DELETE a typed API path with a JSON body. */
export function apiSend<M extends Exclude<HttpMethod, 'get'>, P extends PathsWith<M>>(
  method: M,
  path: P,
  options: CallOptions<P, M> = {},
): Promise<ResponseOf<P, M>> {
  return request(method.toUpperCase(), buildUrl(path, options.path, options.query), options) as Promise<
    ResponseOf<P, M>
  >;
}

/**
 * A call to a route the generated types do not know yet (a module landing in parallel); the caller
 * states the reply type. Prefer apiGet/apiSend; move callers over when `npm run api:types` knows it.
 */
export function apiCallUntyped<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: { body?: unknown; idempotencyKey?: string; signal?: AbortSignal } = {},
): Promise<T> {
  return request(method, url, options) as Promise<T>;
}

/** GET a binary document (a notice PDF) with the user's token. */
export async function apiGetBlob(url: string): Promise<Blob> {
  const response = await send('GET', url, {
    headers: { Accept: 'application/pdf', ...authorizationHeader() },
  });
  if (!response.ok) throw await errorOf(response);
  return response.blob();
}

/** The message to show a user for any error a query or mutation may throw. */
export function userMessageOf(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  return '操作未能完成，请稍后再试。';
}

function buildUrl(path: string, params: object | undefined, query: object | undefined): string {
  let url = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = (params as Record<string, unknown> | undefined)?.[name];
    if (value === undefined || value === null)
      throw new TypeError(`missing path parameter ${name} of ${path}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  if (text) url += `?${text}`;
  return url;
}

async function send(method: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, method, credentials: 'same-origin' });
  } catch (error) {
    if (init.signal?.aborted) {
      throw error; // a cancellation, not a failure: let the caller see the AbortError
    }
    throw new ApiError(
      0,
      { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试。' },
      { cause: error },
    );
  }
}

async function request(
  method: string,
  url: string,
  { body, idempotencyKey, signal }: { body?: unknown; idempotencyKey?: string; signal?: AbortSignal },
): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authorizationHeader() };
  const init: RequestInit = { headers };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (method === 'POST') {
    // Fastify refuses an empty body declared as JSON; an empty object is what the routes expect.
    headers['Content-Type'] = 'application/json';
    init.body = '{}';
  }
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

  const response = await send(method, url, init);
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  if (text === '') return undefined;
  const parsed = parseJson(text);
  if (!parsed) {
    throw new ApiError(response.status, {
      code: 'INVALID_RESPONSE',
      message: '服务器返回的数据无法识别，请稍后再试。',
    });
  }
  return parsed.value;
}

/** Reads a failed response into an ApiError; a refused token also starts signing in again. */
export async function errorOf(response: Response): Promise<ApiError> {
  const parsed = parseJson(await response.text().catch(() => ''));
  const body = isApiErrorBody(parsed?.value)
    ? parsed.value
    : fallbackErrorBody(response.status, response.headers.get('x-request-id'));
  if (response.status === 401 && UNAUTHORIZED_CODES.has(body.code) && authHooks.accessToken()) {
    authHooks.onUnauthorized();
  }
  return new ApiError(response.status, body);
}

function parseJson(text: string): { value: unknown } | undefined {
  if (text === '') {
    return undefined;
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/** For errors that never reached our server's error handler, e.g. a proxy's 502 page. */
function fallbackErrorBody(status: number, requestId: string | null): ApiErrorBody {
  const body: ApiErrorBody = { code: `HTTP_${status}`, message: fallbackMessage(status) };
  if (requestId) {
    body.requestId = requestId;
  }
  return body;
}

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录。';
  if (status === 403) return '您没有权限进行此操作。';
  if (status === 404) return '请求的内容不存在。';
  if (status === 429) return '请求过于频繁，请稍后再试。';
  if (status >= 500) return '服务暂时不可用，请稍后再试。';
  return `请求未能完成（错误码 ${status}），请稍后再试。`;
}
