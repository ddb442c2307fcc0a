/**
 * The one HTTP client of the web app. Every call to the server goes through `apiGet` or
 * `apiSend`, so errors always arrive as an `ApiError` whose message can be shown to users.
 */

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
}

/** Methods that carry a request body. */
export type SendMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Lets the caller (typically React Query) cancel a request that is no longer wanted. */
  signal?: AbortSignal;
}

const API_PREFIX = '/api/v1';

/** Health probes live at the server root, outside the versioned API. */
const ROOT_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Turns `/regions?parentCode=` into `/api/v1/regions?parentCode=`. Paths already under `/api/`
 * and the root health probes are left alone.
 */
export function resolveApiUrl(path: string): string {
  if (!path.startsWith('/')) {
    throw new TypeError(`API paths must start with "/": ${path}`);
  }
  const pathname = path.split(/[?#]/, 1)[0] ?? path;
  if (pathname.startsWith('/api/') || ROOT_PATHS.has(pathname)) {
    return path;
  }
  return `${API_PREFIX}${path}`;
}

/** GETs `path` and returns the parsed JSON body. */
export function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return request<T>('GET', path, undefined, options);
}

/** Sends `body` as JSON with `method` and returns the parsed JSON reply (undefined for 204). */
export function apiSend<T>(
  method: SendMethod,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  return request<T>(method, path, body, options);
}

/** The message to show a user for any error a query or mutation may throw. */
export function userMessageOf(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  return '操作未能完成，请稍后再试。';
}

async function request<T>(
  method: 'GET' | SendMethod,
  path: string,
  body: unknown,
  { signal }: RequestOptions,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (signal) {
    init.signal = signal;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(resolveApiUrl(path), init);
  } catch (error) {
    if (signal?.aborted) {
      throw error; // a cancellation, not a failure: let the caller see the AbortError
    }
    throw new ApiError(
      0,
      { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试。' },
      { cause: error },
    );
  }

  const text = await response.text();
  const parsed = parseJson(text);

  if (!response.ok) {
    const errorBody = isApiErrorBody(parsed?.value)
      ? parsed.value
      : fallbackErrorBody(response.status, response.headers.get('x-request-id'));
    throw new ApiError(response.status, errorBody);
  }
  if (text === '') {
    return undefined as T;
  }
  if (!parsed) {
    throw new ApiError(response.status, {
      code: 'INVALID_RESPONSE',
      message: '服务器返回的数据无法识别，请稍后再试。',
    });
  }
  return parsed.value as T;
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
