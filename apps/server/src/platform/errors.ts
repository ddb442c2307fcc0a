import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';

/** One problem with one input field, e.g. `{ field: 'body.creditCode', message: '校验码错误' }`. */
export interface FieldProblem {
  field: string;
  message: string;
  /** The failed rule (JSON Schema keyword or a domain reason), stable for clients. */
  rule?: string;
}

export interface AppErrorOptions {
  /** The input field at fault, as `body.x`, `query.y` or `params.z`. */
  field?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error model: a stable code (`ORG_REGION_NOT_FOUND`), an HTTP status, a message for
 * people (zh-CN) and the field at fault. Modules define their errors as functions returning these.
 */
export class AppError extends Error {
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.field = options.field;
    this.details = options.details;
  }
}

/** Input that breaks a rule (400 or 422 for domain rules). */
export const badRequest = (code: string, message: string, options?: AppErrorOptions) =>
  new AppError(code, 400, message, options);
export const unprocessable = (code: string, message: string, options?: AppErrorOptions) =>
  new AppError(code, 422, message, options);
export const notFound = (code: string, message: string, options?: AppErrorOptions) =>
  new AppError(code, 404, message, options);
export const unauthorized = () => new AppError('AUTH_REQUIRED', 401, '请先登录');
export const conflict = (code: string, message: string, options?: AppErrorOptions) =>
  new AppError(code, 409, message, options);

/** The error body every failing request gets. Also the OpenAPI schema of error responses. */
export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code, e.g. ORG_REGION_NOT_FOUND' }),
    message: Type.String({ description: 'Message for people, in Chinese' }),
    details: Type.Optional(
      Type.Object(
        {
          field: Type.Optional(Type.String()),
          fields: Type.Optional(
            Type.Array(
              Type.Object({
                field: Type.String(),
                message: Type.String(),
                rule: Type.Optional(Type.String()),
              }),
            ),
          ),
        },
        { additionalProperties: true },
      ),
    ),
    requestId: Type.String(),
  },
  { $id: 'ErrorBody', additionalProperties: false },
);

/** The error responses most routes can give, for their OpenAPI `response` schemas. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
} as const;

const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

const RULE_MESSAGES: Record<string, (params: Record<string, unknown>) => string> = {
  required: () => '必填项缺失',
  additionalProperties: () => '不允许的字段',
  type: (p) => `类型错误，应为 ${String(p.type)}`,
  minLength: (p) => `长度不能少于 ${String(p.limit)}`,
  maxLength: (p) => `长度不能超过 ${String(p.limit)}`,
  pattern: () => '格式不正确',
  format: (p) => `格式不正确（${String(p.format)}）`,
  minimum: (p) => `不能小于 ${String(p.limit)}`,
  maximum: (p) => `不能大于 ${String(p.limit)}`,
  enum: () => '不在允许的取值范围内',
  const: () => '不在允许的取值范围内',
  anyOf: () => '不在允许的取值范围内',
  minItems: (p) => `至少需要 ${String(p.limit)} 项`,
  maxItems: (p) => `最多允许 ${String(p.limit)} 项`,
};

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turn Ajv's findings into field problems named like `body.department.name`. */
export function fieldProblemsOf(issues: readonly AjvIssue[], part: string): FieldProblem[] {
  const prefix = PART_NAMES[part] ?? part;
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const segments = issue.instancePath.split('/').filter(Boolean);
    if (issue.keyword === 'required') segments.push(String(issue.params.missingProperty));
    if (issue.keyword === 'additionalProperties') segments.push(String(issue.params.additionalProperty));
    const field = [prefix, ...segments].join('.');
    // anyOf/const pairs describe one problem; keep the first per field.
    if (seen.has(field)) continue;
    seen.add(field);
    const describe = RULE_MESSAGES[issue.keyword];
    problems.push({
      field,
      message: describe ? describe(issue.params) : (issue.message ?? '无效'),
      rule: issue.keyword,
    });
  }
  return problems;
}

/** Fastify's own client errors, each given a stable code and a Chinese message. */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'REQUEST_UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST_BODY_TOO_LARGE', message: '请求内容过大' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'REQUEST_BODY_EMPTY', message: '请求内容为空，但声明为 JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST_MALFORMED_JSON', message: '请求内容不是有效的 JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'REQUEST_INVALID_CONTENT_LENGTH',
    message: '请求长度与声明不符',
  },
  FST_ERR_CTP_INVALID_CHARSET: { code: 'REQUEST_UNSUPPORTED_CHARSET', message: '不支持的字符集' },
  FST_ERR_BAD_URL: { code: 'REQUEST_BAD_URL', message: '请求地址无效' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'REQUEST_INVALID', message: '请求无效' },
};

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  body: Omit<ErrorBodyValue, 'requestId'>,
) {
  return reply.status(status).send({ ...body, requestId: String(request.id) });
}

interface ErrorBodyValue {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  requestId: string;
}

/** Answers an unmatched request itself (e.g. the web app's client-side routes); false to decline. */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

/**
 * The one error handler: domain errors as they are, validation errors naming each field, Fastify's
 * client errors with stable codes, and everything else as a 500 that says nothing about internals
 * but is logged with the request id.
 */
export function registerErrorHandling(
  app: FastifyInstance,
  options: { notFoundFallback?: NotFoundFallback } = {},
): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      const details = { ...error.details, ...(error.field ? { field: error.field } : {}) };
      if (error.statusCode >= 500) request.log.error({ err: error }, 'application error');
      return send(reply, request, error.statusCode, {
        code: error.code,
        message: error.message,
        ...(Object.keys(details).length > 0 ? { details } : {}),
      });
    }
    const fastifyError = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (fastifyError.validation) {
      const fields = fieldProblemsOf(fastifyError.validation, fastifyError.validationContext ?? 'body');
      const first = fields[0];
      return send(reply, request, 400, {
        code: 'REQUEST_VALIDATION_FAILED',
        message: first ? `请求参数有误：${first.field} ${first.message}` : '请求参数有误',
        details: { ...(first ? { field: first.field } : {}), fields },
      });
    }
    const known = fastifyError.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
    if (known) return send(reply, request, fastifyError.statusCode ?? 400, known);
    if (fastifyError.statusCode === 429) {
      return send(reply, request, 429, { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    }
    if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
      return send(reply, request, 400, REQUEST_MALFORMED);
    }
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return send(reply, request, fastifyError.statusCode, { code: 'REQUEST_INVALID', message: '请求无效' });
    }
    const sqlState = postgresErrorCode(error);
    if (sqlState === '23505' || sqlState === '40001' || sqlState === '40P01') {
      // A concurrent change won the race (unique key, serialization failure, deadlock): the caller may retry.
      request.log.info({ err: error }, 'concurrent change');
      return send(reply, request, 409, {
        code: 'CONCURRENT_CHANGE',
        message: '数据已被其他操作更改或已存在，请刷新后重试',
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, {
      code: 'INTERNAL_ERROR',
      message: '系统内部错误，请稍后重试；如需帮助请提供请求编号',
    });
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (options.notFoundFallback && (await options.notFoundFallback(request, reply))) return reply;
    return send(reply, request, 404, { code: 'ROUTE_NOT_FOUND', message: '请求的接口或页面不存在' });
  });
}

/** The SQLSTATE of a PostgreSQL error, also when a driver or the ORM has wrapped it. */
function postgresErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const REQUEST_MALFORMED = { code: 'REQUEST_MALFORMED_JSON', message: '请求内容不是有效的 JSON' };
