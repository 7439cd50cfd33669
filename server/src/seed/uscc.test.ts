import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRandom } from './random.js';
import {
  USCC_CHARSET,
  generateUscc,
  isValidUscc,
  organisationCodeCheckChar,
  usccCheckChar,
} from './uscc.js';

const HENAN_CODES = ['410000', '410100', '410173', '410200', '410225', '419001'] as const;
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('usccCheckChar / isValidUscc — worked examples', () => {
  it('accepts the code quoted as the standard example, 91350100M000100Y43', () => {
    // Values M=21, Y=30 on the USCC scale. Σ value×weight:
    // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + 21·20 + 0·29 + 0·25 + 0·13
    //   + 1·8 + 0·24 + 0·10 + 30·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    // Embedded organisation code M000100Y4 on the 0–35 scale (M=22, Y=34):
    // 22·3 + 0·7 + 0·9 + 0·10 + 1·5 + 0·8 + 0·4 + 34·2 = 139; 139 mod 11 = 7; 11 − 7 = 4 → '4'.
    expect(organisationCodeCheckChar('M000100Y')).toBe('4');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y43', { organisationCode: true })).toBe(true);
  });

  it('a Kaifeng "MA" code computed by hand: 91410200MA3X5Y7C5G', () => {
    // Organisation code MA3X5Y7C (M=22, A=10, X=33, Y=34, C=12):
    // 22·3 + 10·7 + 3·9 + 33·10 + 5·5 + 34·8 + 7·4 + 12·2 = 842; 842 mod 11 = 6; 11 − 6 = 5.
    expect(organisationCodeCheckChar('MA3X5Y7C')).toBe('5');
    // USCC scale M=21, A=10, X=29, Y=30, C=12:
    // 9 + 3 + 36 + 27 + 0 + 52 + 0 + 0 + 420 + 290 + 75 + 377 + 40 + 720 + 70 + 360 + 140 = 2619;
    // 2619 mod 31 = 15; 31 − 15 = 16 → USCC_CHARSET[16] = 'G'.
    expect(usccCheckChar('91410200MA3X5Y7C5')).toBe('G');
    expect(isValidUscc('91410200MA3X5Y7C5G', { organisationCode: true })).toBe(true);
  });

  it('a Lankao all-digit code computed by hand: 914102251717500339', () => {
    // 1·3 + 7·7 + 1·9 + 7·10 + 5·5 + 0·8 + 0·4 + 3·2 = 162; 162 mod 11 = 8; 11 − 8 = 3.
    expect(organisationCodeCheckChar('17175003')).toBe('3');
    // 9 + 3 + 36 + 27 + 0 + 52 + 32 + 85 + 20 + 203 + 25 + 91 + 40 + 0 + 0 + 90 + 84 = 797;
    // 797 mod 31 = 22; 31 − 22 = 9.
    expect(usccCheckChar('91410225171750033')).toBe('9');
    expect(isValidUscc('914102251717500339', { organisationCode: true })).toBe(true);
  });

  it('maps a remainder of 0 to check character 0, not 31', () => {
    // Raising position 15 of the Lankao code from 0 to 4 adds 4·10 = 40: 797 + 40 = 837 = 27·31.
    expect(usccCheckChar('91410225171750433')).toBe('0');
    expect(isValidUscc('914102251717504330')).toBe(true);
    // …but that edit broke the embedded organisation code (its check would now be 9).
    expect(organisationCodeCheckChar('17175043')).toBe('9');
    expect(isValidUscc('914102251717504330', { organisationCode: true })).toBe(false);
  });

  it('maps organisation-code remainders 10 and 11 to X and 0', () => {
    // 00000001: 1·2 = 2; 11 − 2 = 9.
    expect(organisationCodeCheckChar('00000001')).toBe('9');
    // 0000000A: 10·2 = 20; 20 mod 11 = 9; 11 − 9 = 2.
    expect(organisationCodeCheckChar('0000000A')).toBe('2');
    // 00000006: 6·2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → 'X'.
    expect(organisationCodeCheckChar('00000006')).toBe('X');
    // 00000000: sum 0 → 11 − 0 = 11 → '0'.
    expect(organisationCodeCheckChar('00000000')).toBe('0');
  });

  it('rejects malformed input', () => {
    expect(isValidUscc('')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false); // 17 characters
    expect(isValidUscc('91350100M000100Y433')).toBe(false); // 19 characters
    expect(isValidUscc('91350100m000100y43')).toBe(false); // lower case is not canonical
    expect(isValidUscc('91350100M000100I43')).toBe(false); // I is not in the set
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
  });
});

describe('generateUscc', () => {
  it('always produces valid codes, strictly, carrying the region code', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...HENAN_CODES), (seed, region) => {
        const code = generateUscc(createRandom(seed), region);
        expect(code).toHaveLength(18);
        expect(code.slice(0, 2)).toBe('91');
        expect(code.slice(2, 8)).toBe(region);
        expect(isValidUscc(code, { organisationCode: true })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic per seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    for (let i = 0; i < 20; i++) expect(generateUscc(a, '410200')).toBe(generateUscc(b, '410200'));
  });

  it('rejects a region code that is not 6 digits', () => {
    expect(() => generateUscc(createRandom(1), '4102')).toThrow(RangeError);
  });
});

describe('single-character changes', () => {
  /*
   * Every weight is non-zero mod 31 and 31 is prime, so changing one character to another
   * character of the set changes the weighted sum by weight × (difference of values), which
   * is never a multiple of 31: the check always catches it. The only edits that could keep
   * the same value are case changes (a→A); the validator is strict about upper case, so they
   * are rejected as well — there is no "same value" exception left to allow for.
   */
  it('any substitution of one character by a different one makes a valid code invalid', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...ALNUM.split('')),
        (seed, pos, ch) => {
          const code = generateUscc(createRandom(seed), '410225');
          fc.pre(code.charAt(pos) !== ch);
          const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
          expect(isValidUscc(mutated)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('exhaustively for the standard example: all 18 × 30 in-set substitutions are caught', () => {
    const code = '91350100M000100Y43';
    let tried = 0;
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of USCC_CHARSET) {
        if (ch === code.charAt(pos)) continue;
        tried++;
        expect(isValidUscc(code.slice(0, pos) + ch + code.slice(pos + 1))).toBe(false);
      }
    }
    expect(tried).toBe(18 * 30);
  });
});
