import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { COMMON_PASSWORDS } from './identity.common-passwords.js';
import {
  assertPasswordRules,
  hashPassword,
  PASSWORD_RULES,
  passwordProblems,
  verifyPassword,
} from './identity.passwords.js';

describe('password policy', () => {
  it('accepts a long password of three classes', () => {
    expect(passwordProblems('Tea-kettle-42')).toEqual([]);
    expect(passwordProblems('correct horse 7Battery')).toEqual([]);
    expect(passwordProblems('xiaohu2026!')).toEqual([]);
  });

  it('needs 8 characters and 3 of 4 classes', () => {
    expect(passwordProblems('Ab1!')).toEqual(['min_length']);
    expect(passwordProblems('abcdefghijk')).toEqual(['char_classes']);
    expect(passwordProblems('abcdefgh123')).toEqual(['char_classes']);
    expect(passwordProblems('ABCdef12')).toEqual([]);
    expect(passwordProblems('ab1')).toEqual(['min_length', 'char_classes']);
    expect(passwordProblems(`Aa1!${'x'.repeat(125)}`)).toEqual(['max_length']);
    // Characters, not UTF-16 units: four Chinese characters and four symbols are 8 characters.
    expect(passwordProblems('政务服务a1B2')).toEqual([]);
  });

  it("refuses the holder's ID number, mobile and username, in any case", () => {
    const owner = { idNumber: '11010519491231002X', mobile: '13812345678', username: 'zhangsan' };
    expect(passwordProblems('Id-11010519491231002x', owner)).toEqual(['contains_id_number']);
    expect(passwordProblems('Tel+13812345678', owner)).toEqual(['contains_mobile']);
    expect(passwordProblems('ZhangSan!2026', owner)).toEqual(['contains_username']);
    // A short username inside a password is a coincidence, not a weakness.
    expect(passwordProblems('Bobcat-2026!', { username: 'bob' })).toEqual([]);
  });

  it('refuses common passwords case-insensitively, Chinese favourites included', () => {
    for (const common of [
      'Aa123456',
      'AA123456',
      'Woaini1314!',
      '@Aa123456',
      'P@ssw0rd',
      'Qq123456',
      '1qaz@WSX',
    ]) {
      expect(passwordProblems(common), common).toContain('common');
    }
    for (const word of ['woaini1314', '5201314', 'a123456', 'aa123456', 'qq123456', 'zxcvbnm', '1qaz2wsx']) {
      expect(COMMON_PASSWORDS.has(word), word).toBe(true);
    }
  });

  it('the common list is a few hundred lowercase entries', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(300);
    for (const word of COMMON_PASSWORDS) expect(word).toBe(word.toLowerCase());
  });

  it('reports every broken rule at once, with stable codes and the field', () => {
    const problems = passwordProblems('13812345678', { mobile: '13812345678' });
    expect(problems).toEqual(['char_classes', 'contains_mobile']);
    let error: unknown;
    try {
      assertPasswordRules('body.password', problems);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('IDENTITY_PASSWORD_WEAK');
    expect(appError.statusCode).toBe(422);
    expect(appError.field).toBe('body.password');
    expect(appError.details).toMatchObject({
      rules: ['char_classes', 'contains_mobile'],
      fields: [
        { field: 'body.password', rule: 'char_classes', message: PASSWORD_RULES.char_classes },
        { field: 'body.password', rule: 'contains_mobile', message: PASSWORD_RULES.contains_mobile },
      ],
    });
    expect(() => assertPasswordRules('body.password', [])).not.toThrow();
  });

  it('hashes with argon2id (OWASP parameters) and verifies', async () => {
    const stored = await hashPassword('Tea-kettle-42');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'Tea-kettle-42')).toBe(true);
    expect(await verifyPassword(stored, 'tea-kettle-42')).toBe(false);
    expect(await verifyPassword('not a hash', 'Tea-kettle-42')).toBe(false);
  });
});
