import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateOfCitizenId,
  citizenIdCheckChar,
  isValidCitizenId,
  maskCitizenId,
  maskMobile,
  normalizeCitizenId,
  validateCitizenId,
} from './citizen-id.js';
import { PROVINCE_PREFIXES } from './region-code.js';

/** A fixed "now" so the tests do not depend on the day they run: 2026-01-01 08:00 in China. */
const NOW = new Date('2026-01-01T00:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

/** The worked examples printed in GB 11643-1999 itself (not real people). */
const STANDARD_EXAMPLES = [
  ['11010519491231002X', '1949-12-31', '北京市朝阳区, a woman, check char X'],
  ['440524188001010014', '1880-01-01', '广东省汕头市潮阳县, a man'],
] as const;

const twoDigits = fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(2, '0'));
const countyCode = fc
  .tuple(fc.constantFrom(...PROVINCE_PREFIXES), twoDigits, twoDigits)
  .map(([p, c, d]) => `${p}${c}${d}`);
const birthDate = fc
  .integer({ min: 0, max: (Date.UTC(2025, 11, 31) - Date.UTC(1900, 0, 1)) / DAY_MS })
  .map((days) => new Date(Date.UTC(1900, 0, 1) + days * DAY_MS).toISOString().slice(0, 10));
const sequence = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
const citizenId = fc.tuple(countyCode, birthDate, sequence).map(([region, date, seq]) => {
  const first17 = `${region}${date.replaceAll('-', '')}${seq}`;
  return { id: `${first17}${citizenIdCheckChar(first17)}`, date };
});

describe('validateCitizenId', () => {
  it.each(STANDARD_EXAMPLES)('accepts the standard example %s (%s, %s)', (id, date) => {
    expect(validateCitizenId(id, NOW)).toEqual({ ok: true });
    expect(isValidCitizenId(id, NOW)).toBe(true);
    expect(birthDateOfCitizenId(id, NOW)).toBe(date);
  });

  it.each([
    ['1101051949123100', 'length'],
    ['110105491231002', 'length'],
    ['11010519491231002X0', 'length'],
    ['11010519491231002x', 'charset'],
    ['1101051949123100X2', 'charset'],
    ['11010519491231002 ', 'charset'],
    ['99010519491231002X', 'region'],
    ['11000119491231002X', 'region'],
    ['110105194902300021', 'birth_date'],
    ['110105190002290021', 'birth_date'],
    ['110105194913010021', 'birth_date'],
    ['110105179912310021', 'birth_date'],
    ['110105202601020021', 'birth_date'],
    ['110105194912310021', 'check_char'],
    ['440524188001010015', 'check_char'],
  ] as const)('refuses %j with %s', (id, reason) => {
    expect(validateCitizenId(id, NOW)).toEqual({ ok: false, reason });
  });

  it('accepts 29 February only in leap years', () => {
    const withCheck = (first17: string) => `${first17}${citizenIdCheckChar(first17)}`;
    expect(isValidCitizenId(withCheck('11010520000229001'), NOW)).toBe(true);
    expect(isValidCitizenId(withCheck('11010520240229001'), NOW)).toBe(true);
    expect(isValidCitizenId(withCheck('11010519000229001'), NOW)).toBe(false);
    expect(isValidCitizenId(withCheck('11010520230229001'), NOW)).toBe(false);
  });

  it('judges "not in the future" by the date in China, not in UTC', () => {
    const first17 = '11010520260101001';
    const id = `${first17}${citizenIdCheckChar(first17)}`;
    // 2025-12-31 16:30 UTC is already 2026-01-01 00:30 in China: a baby born that day is valid.
    expect(isValidCitizenId(id, new Date('2025-12-31T16:30:00Z'))).toBe(true);
    expect(validateCitizenId(id, new Date('2025-12-31T15:30:00Z'))).toEqual({
      ok: false,
      reason: 'birth_date',
    });
  });

  it('needs normalizing for a lower-case x and spaces', () => {
    expect(isValidCitizenId(normalizeCitizenId(' 11010519491231002x '), NOW)).toBe(true);
  });

  it('accepts every well-formed ID and reads its birth date back', () => {
    fc.assert(
      fc.property(citizenId, ({ id, date }) => {
        expect(validateCitizenId(id, NOW)).toEqual({ ok: true });
        expect(birthDateOfCitizenId(id, NOW)).toBe(date);
      }),
    );
  });

  it('detects any single changed character', () => {
    fc.assert(
      fc.property(
        citizenId,
        fc.nat({ max: 17 }),
        fc.constantFrom(...'0123456789X'),
        ({ id }, position, ch) => {
          fc.pre(id.charAt(position) !== ch);
          expect(isValidCitizenId(`${id.slice(0, position)}${ch}${id.slice(position + 1)}`, NOW)).toBe(false);
        },
      ),
    );
  });

  it('detects any swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(citizenId, fc.nat({ max: 15 }), ({ id }, position) => {
        const a = id.charAt(position);
        const b = id.charAt(position + 1);
        fc.pre(a !== b);
        expect(isValidCitizenId(`${id.slice(0, position)}${b}${a}${id.slice(position + 2)}`, NOW)).toBe(
          false,
        );
      }),
    );
  });
});

describe('citizenIdCheckChar', () => {
  it('maps Σ mod 11 through 1 0 X 9 8 7 6 5 4 3 2', () => {
    expect(citizenIdCheckChar('11010519491231002')).toBe('X');
    expect(citizenIdCheckChar('44052418800101001')).toBe('4');
    // Σ = 0 → '1'; a single 1 in position 8 (weight 1) gives Σ = 1 → '0'.
    expect(citizenIdCheckChar('00000000000000000')).toBe('1');
    expect(citizenIdCheckChar('00000001000000000')).toBe('0');
  });

  it('refuses input that is not 17 digits', () => {
    expect(() => citizenIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => citizenIdCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('birthDateOfCitizenId', () => {
  it('refuses an invalid ID, naming why', () => {
    expect(() => birthDateOfCitizenId('110105194912310021', NOW)).toThrow(/check_char/);
  });
});

describe('masking', () => {
  it('keeps the first 4 and last 4 chars of a citizen ID', () => {
    expect(maskCitizenId('11010519491231002X')).toBe('110105********002X');
    expect(maskCitizenId('330106198001011234')).toBe('330106********1234');
  });

  it('never shows the birth date', () => {
    fc.assert(
      fc.property(citizenId, ({ id }) => {
        const masked = maskCitizenId(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });

  it('masks short or malformed input entirely', () => {
    expect(maskCitizenId('11010519')).toBe('********');
    expect(maskCitizenId('')).toBe('');
  });

  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('1381234')).toBe('*******');
  });
});
