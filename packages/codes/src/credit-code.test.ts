import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  isValidCreditCode,
  makeCreditCode,
  normalizeCreditCode,
  orgCodeCheckChar,
  validateCreditCode,
} from './credit-code.js';
import { PROVINCE_PREFIXES } from './region-code.js';

/**
 * Published codes of well-known organisations, as printed on their business licences and
 * invoices. Each passes both the GB 11714 and the GB 32100 check, which a mistyped or made-up
 * code does with odds of about 1 in 341.
 */
const PUBLISHED = [
  ['914403001922038216', '华为技术有限公司 (pre-2015 organisation code, check char 6)'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司 (organisation code check char X)'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91110000802100433B', '百度在线网络技术（北京）有限公司'],
  ['91310000MA1FW1BXX2', 'a Shanghai enterprise registered after 2015 (MA series, org code MA1FW1BX-X)'],
  ['91440300MA5H8REU3K', 'a Shenzhen enterprise registered after 2015 (MA series)'],
  // The issuer part of the national 居民身份证 e-licence type code 11100000000013127D001:
  // a central state organ (机构编制 / 机关), registered under the national region 100000.
  ['11100000000013127D', 'a central state organ (region 100000)'],
] as const;

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const twoDigits = fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(2, '0'));
const province = fc.constantFrom(...PROVINCE_PREFIXES);
const regionCode = fc.oneof(
  fc.constant('100000'),
  province.map((p) => `${p}0000`),
  fc.tuple(province, twoDigits).map(([p, c]) => `${p}${c}00`),
  fc.tuple(province, twoDigits, twoDigits).map(([p, c, d]) => `${p}${c}${d}`),
);
const parts = fc.record({
  registrationAuthority: alphabetChar,
  category: alphabetChar,
  regionCode,
  orgCodeBody: fc.array(alphabetChar, { minLength: 8, maxLength: 8 }).map((chars) => chars.join('')),
});

describe('validateCreditCode', () => {
  it.each(PUBLISHED)('accepts %s — %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true });
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ['91330100799655058', 'length'],
    ['91330100799655058BB', 'length'],
    ['', 'length'],
    ['91330100799655058I', 'charset'],
    ['913301007996550580', 'check_char'],
    ['91330100799655058b', 'charset'],
    ['91330100O99655058B', 'charset'],
    ['9133010079965505 8', 'charset'],
    ['919901007996550580', 'region'],
    ['913300017996550580', 'region'],
    ['91330100799655048B', 'org_code'],
    ['91330100799655058C', 'check_char'],
    // The often-quoted sample 91110000100000589B has a valid mod-31 char but a wrong GB 11714 one.
    ['91110000100000589B', 'org_code'],
  ] as const)('refuses %j with %s', (code, reason) => {
    expect(validateCreditCode(code)).toEqual({ ok: false, reason });
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('needs normalizing for lower case and spaces', () => {
    expect(isValidCreditCode(normalizeCreditCode(' 91330100799655058b '))).toBe(true);
  });
});

describe('check chars', () => {
  it('computes the published check chars', () => {
    for (const [code] of PUBLISHED) {
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
    }
  });

  it('writes a mod-31 result of 31 as 0 and an org-code result of 11 as 0', () => {
    // Σ = 0 gives 31 − 0 = 31, written 0.
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(orgCodeCheckChar('00000001')).toBe('9');
    expect(orgCodeCheckChar('00000005')).toBe('1');
    // Σ = 6 × 2 = 12 ≡ 1 → 11 − 1 = 10, written X.
    expect(orgCodeCheckChar('00000006')).toBe('X');
    // Σ = 1 × 3 = 3 → 11 − 3 = 8; Σ = 1 × 4 + 1 × 2 = 6 → 5.
    expect(orgCodeCheckChar('10000000')).toBe('8');
    expect(orgCodeCheckChar('00000011')).toBe('5');
  });

  it('refuses input of the wrong shape', () => {
    expect(() => creditCodeCheckChar('9133010079965505')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9133010079965505I')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('7996550')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('7996550a')).toThrow(RangeError);
  });
});

describe('makeCreditCode', () => {
  it('rebuilds a published code from its parts', () => {
    expect(
      makeCreditCode({
        registrationAuthority: '9',
        category: '1',
        regionCode: '330100',
        orgCodeBody: '79965505',
      }),
    ).toBe('91330100799655058B');
  });

  it('refuses bad parts, naming the part', () => {
    const good = { registrationAuthority: '1', category: '1', regionCode: '330106', orgCodeBody: '12345678' };
    expect(() => makeCreditCode({ ...good, registrationAuthority: 'I' })).toThrow(/registrationAuthority/);
    expect(() => makeCreditCode({ ...good, category: '11' })).toThrow(/category/);
    expect(() => makeCreditCode({ ...good, regionCode: '330106002000' })).toThrow(/regionCode/);
    expect(() => makeCreditCode({ ...good, regionCode: '990000' })).toThrow(/regionCode/);
    expect(() => makeCreditCode({ ...good, orgCodeBody: '1234567' })).toThrow(/orgCodeBody/);
    expect(() => makeCreditCode({ ...good, orgCodeBody: '1234567O' })).toThrow(/orgCodeBody/);
  });

  it('always produces a valid code that carries its parts', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const code = makeCreditCode(p);
        expect(validateCreditCode(code)).toEqual({ ok: true });
        expect(code.slice(0, 16)).toBe(
          `${p.registrationAuthority}${p.category}${p.regionCode}${p.orgCodeBody}`,
        );
      }),
    );
  });

  it('any single changed character is detected', () => {
    fc.assert(
      fc.property(parts, fc.nat({ max: 17 }), alphabetChar, (p, position, replacement) => {
        const code = makeCreditCode(p);
        fc.pre(code.charAt(position) !== replacement);
        const changed = `${code.slice(0, position)}${replacement}${code.slice(position + 1)}`;
        expect(isValidCreditCode(changed)).toBe(false);
      }),
    );
  });

  it('any swap of two different adjacent characters among the first 17 is detected', () => {
    fc.assert(
      fc.property(parts, fc.nat({ max: 15 }), (p, position) => {
        const code = makeCreditCode(p);
        const a = code.charAt(position);
        const b = code.charAt(position + 1);
        fc.pre(a !== b);
        const swapped = `${code.slice(0, position)}${b}${a}${code.slice(position + 2)}`;
        expect(isValidCreditCode(swapped)).toBe(false);
      }),
    );
  });
});
