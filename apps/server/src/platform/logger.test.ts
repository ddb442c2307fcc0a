import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../test/harness.js';
import { loggerOptions, maskPersonalDataInText } from './logger.js';

/** A Fastify app whose log lines are collected, with the platform's logger options. */
async function loggedApp() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const options = loggerOptions(testConfig({ logLevel: 'info' }));
  const app = Fastify({ logger: { ...(options as object), stream } });
  app.post('/echo', async (request) => {
    request.log.info({ body: request.body }, 'received application');
    // Nested deeper than pino's own paths reach, and a secret in a child logger's bindings.
    request.log.info({ port: { response: { holder: { accessToken: 'deep-access-token' } } } }, 'port answer');
    request.log.child({ refreshToken: 'bound-refresh-token' }).info('child logger');
    request.log.info('applicant 330106199001011234 called from 13912345678');
    request.log.error({ err: new Error('lookup failed for 11010519491231002X') }, 'population port error');
    return { ok: true };
  });
  await app.ready();
  return { app, lines };
}

describe('logs keep personal data out', () => {
  it('masks ID numbers and mobile numbers inside free text', () => {
    expect(maskPersonalDataInText('身份证 11010519491231002X 手机 13812345678')).toBe(
      '身份证 110105********002X 手机 138****5678',
    );
    // Not every long number is an ID: order numbers and timestamps are left alone.
    expect(maskPersonalDataInText('order 1234567890123456789012')).toBe('order 1234567890123456789012');
  });

  it('redacts secrets by key and masks ID numbers, phones and URLs in request logs', async () => {
    const { app, lines } = await loggedApp();
    await app.inject({
      method: 'POST',
      url: '/echo?idNumber=11010519491231002X&mobile=13812345678',
      headers: { authorization: 'Bearer eyJsecret.token.value', cookie: 'sid=abcdef' },
      payload: {
        password: 'S3cret-Passw0rd',
        name: '张三',
        mobile: '13812345678',
        note: '证件号 11010519491231002X',
      },
    });
    await app.close();
    const text = lines.join('');
    for (const secret of [
      'S3cret-Passw0rd',
      '11010519491231002X',
      '13812345678',
      '330106199001011234',
      '13912345678',
      'eyJsecret',
      'sid=abcdef',
      'deep-access-token',
      'bound-refresh-token',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('110105********002X');
    expect(text).toContain('张三');
    expect(text).toContain('received application');
    expect(text).toContain('"accessToken":"[REDACTED]"');
    expect(text).toContain('"refreshToken":"[REDACTED]"');
  });
});
