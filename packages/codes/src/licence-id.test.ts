import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidLicenceId,
  isValidMod37x36,
  LICENCE_ID_PREFIX,
  MOD_37_36_ALPHABET,
  makeLicenceId,
  mod37x36CheckChar,
  validateLicenceId,
} from './licence-id.js';

/** A real e-licence identifier (GB/T 36904), as published with its licence. */
const REAL = '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F';

const segment = (max: number) =>
  fc
    .array(fc.constantFrom(...MOD_37_36_ALPHABET), { minLength: 1, maxLength: max })
    .map((chars) => chars.join(''));
const parts = fc.record({
  typeCode: segment(24),
  issuerCode: segment(18),
  serial: segment(12),
  version: fc.integer({ min: 1, max: 999 }),
});

describe('e-licence identifier (GB/T 36904, ISO 7064 MOD 37,36)', () => {
  it('accepts the real identifier', () => {
    expect(isValidLicenceId(REAL)).toBe(true);
    expect(validateLicenceId(REAL)).toEqual({
      ok: true,
      checkChar: 'F',
      parts: {
        typeCode: '11100000000013338W032',
        issuerCode: '11220000013544541J',
        serial: '2430599',
        version: 1,
      },
    });
  });

  it('covers type code, issuer, serial and version, without the dots and the fixed prefix', () => {
    expect(mod37x36CheckChar('11100000000013338W03211220000013544541J2430599001')).toBe('F');
    expect(isValidMod37x36('11100000000013338W03211220000013544541J2430599001F')).toBe(true);
  });

  it('refuses the real identifier with any one character changed', () => {
    const body = REAL.slice(LICENCE_ID_PREFIX.length + 1);
    for (let i = 0; i < body.length; i += 1) {
      if (body[i] === '.') continue;
      for (const replacement of MOD_37_36_ALPHABET) {
        if (replacement === body[i]) continue;
        const changed = `${LICENCE_ID_PREFIX}.${body.slice(0, i)}${replacement}${body.slice(i + 1)}`;
        expect(isValidLicenceId(changed), changed).toBe(false);
      }
    }
    expect(validateLicenceId(REAL.replace('.F', '.G'))).toEqual({ ok: false, reason: 'check_char' });
    expect(validateLicenceId(REAL.replace('2430599', '2430598'))).toEqual({
      ok: false,
      reason: 'check_char',
    });
  });

  it('names what is wrong with malformed identifiers', () => {
    expect(validateLicenceId('1.2.156.3005.3.YYZZ.X.1.001.A')).toEqual({ ok: false, reason: 'prefix' });
    expect(validateLicenceId(`${LICENCE_ID_PREFIX}.YYZZ.X.1.001`)).toEqual({ ok: false, reason: 'format' });
    expect(validateLicenceId(`${LICENCE_ID_PREFIX}.yyzz.X.1.001.A`)).toEqual({ ok: false, reason: 'format' });
    expect(validateLicenceId(`${LICENCE_ID_PREFIX}.YYZZ.X.1.01.A`)).toEqual({ ok: false, reason: 'version' });
    expect(validateLicenceId(`${LICENCE_ID_PREFIX}.YYZZ.X.1.000.A`)).toEqual({
      ok: false,
      reason: 'version',
    });
    expect(() => makeLicenceId({ typeCode: 'yyzz', issuerCode: 'X', serial: '1', version: 1 })).toThrow(
      RangeError,
    );
    expect(() => makeLicenceId({ typeCode: 'YYZZ', issuerCode: 'X', serial: '1', version: 1000 })).toThrow(
      RangeError,
    );
    expect(() => mod37x36CheckChar('')).toThrow(RangeError);
  });

  it('builds identifiers that validate and split back into their parts', () => {
    fc.assert(
      fc.property(parts, (value) => {
        const identifier = makeLicenceId(value);
        expect(validateLicenceId(identifier)).toMatchObject({ ok: true, parts: value });
      }),
    );
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(segment(60), fc.nat(), fc.integer({ min: 1, max: 35 }), (text, at, shift) => {
        const full = `${text}${mod37x36CheckChar(text)}`;
        const i = at % full.length;
        const changed = MOD_37_36_ALPHABET[(MOD_37_36_ALPHABET.indexOf(full[i] as string) + shift) % 36];
        expect(isValidMod37x36(`${full.slice(0, i)}${changed}${full.slice(i + 1)}`)).toBe(false);
      }),
    );
  });

  it('detects nearly all transpositions of adjacent characters (a hybrid system misses about 1 in 800)', () => {
    // ISO 7064 hybrid systems guarantee single substitutions only; adjacent transpositions are caught
    // with high probability, which this measures on generated codes.
    let swaps = 0;
    let missed = 0;
    fc.assert(
      fc.property(segment(40), fc.nat(), (text, at) => {
        const full = `${text}${mod37x36CheckChar(text)}`;
        const i = at % (full.length - 1);
        if (full.length < 2 || full[i] === full[i + 1]) return;
        swaps += 1;
        if (isValidMod37x36(`${full.slice(0, i)}${full[i + 1]}${full[i]}${full.slice(i + 2)}`)) missed += 1;
      }),
      { numRuns: 20_000 },
    );
    expect(swaps).toBeGreaterThan(15_000);
    expect(missed / swaps).toBeLessThan(0.005);
  });
});
