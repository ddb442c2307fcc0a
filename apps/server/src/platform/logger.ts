import { maskCitizenId, maskMobile } from '@yiwang/codes';
import type { FastifyServerOptions } from 'fastify';
import { stdSerializers } from 'pino';
import type { Config } from '../config.js';

/** Keys whose values never reach a log, at any of the depths pino's redaction can name. */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'oldPassword',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'otp',
  'totp',
  'recoveryCode',
  'privateKey',
  'idNumber',
  'citizenId',
  'mobile',
  'phone',
];

const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS);
const CENSOR = '[REDACTED]';

/**
 * What pino's own redaction covers: headers, and secret keys at the top level (where child-logger
 * bindings put them). Secret keys nested in logged objects are censored by `maskDeep`, at any depth
 * it walks. No path starts with a wildcard: pino runs a wildcard-first path over every key of every
 * log line and every child logger's bindings (Fastify makes one per request), which cost 8% of
 * what a submission allocated, for the keys `maskDeep` censors anyway.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS,
];

// A citizen ID (GB 11643) or an 11-digit mainland mobile number standing alone in free text.
const CITIZEN_ID_IN_TEXT =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Mask ID numbers and mobile numbers that appear inside free text (URLs, messages). */
export function maskPersonalDataInText(text: string): string {
  return text
    .replace(CITIZEN_ID_IN_TEXT, (match) => maskCitizenId(match))
    .replace(MOBILE_IN_TEXT, maskMobile);
}

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPersonalDataInText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  // Only plain data: requests, replies and errors go through their own serializers.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEY_SET.has(key) ? CENSOR : maskDeep(item, depth + 1),
    ]),
  );
}

/**
 * pino options for the server: JSON lines, secrets redacted by key, and ID and mobile numbers
 * masked wherever they appear in text, including request URLs.
 */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    formatters: {
      log: (object) => maskDeep(object, 0) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskPersonalDataInText(arg) : arg));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
    serializers: {
      // pino's error objects have their own prototype: copy them to plain data to mask them.
      err: (error: Error) =>
        maskDeep({ ...stdSerializers.err(error) }, 0) as ReturnType<typeof stdSerializers.err>,
      req: (request: { method: string; url: string; ip?: string; id?: string }) => ({
        method: request.method,
        url: maskPersonalDataInText(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
