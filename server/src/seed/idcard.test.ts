import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRandom } from './random.js';
import { generateIdCard, idCardCheckChar, isValidIdCard } from './idcard.js';

const REGIONS = ['410102', '410204', '410225', '410173', '419001'] as const;

describe('idCardCheckChar / isValidIdCard — worked examples', () => {
  it('accepts the example number printed in GB 11643, 11010519491231002X', () => {
    // 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5
    //   + 0·8 + 0·4 + 2·2 = 167; 167 mod 11 = 2 → "10X98765432"[2] = 'X'.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdCard('11010519491231002X')).toBe(true);
  });

  it('a Lankao number computed by hand: 410225199003071230', () => {
    // 4·7 + 1·9 + 0·10 + 2·5 + 2·8 + 5·4 + 1·2 + 9·1 + 9·6 + 0·3 + 0·7 + 3·9 + 0·10 + 7·5
    //   + 1·8 + 2·4 + 3·2 = 232; 232 mod 11 = 1 → '0'.
    expect(idCardCheckChar('41022519900307123')).toBe('0');
    expect(isValidIdCard('410225199003071230')).toBe(true);
  });

  it('a leap-day number computed by hand: 410102200002290154', () => {
    // 4·7 + 1·9 + 0 + 1·5 + 0 + 2·4 + 2·2 + 0 + 0 + 0 + 0 + 2·9 + 2·10 + 9·5 + 0 + 1·4 + 5·2
    //   = 151; 151 mod 11 = 8 → '4'.
    expect(idCardCheckChar('41010220000229015')).toBe('4');
    expect(isValidIdCard('410102200002290154')).toBe(true);
  });

  it('rejects impossible dates even with a correct check character', () => {
    for (const first17 of ['41010219000229015', '41010220010229015', '41010220001301015', '41010220000431015', '41010220000100015']) {
      expect(isValidIdCard(first17 + idCardCheckChar(first17))).toBe(false);
    }
    // A year before 1900.
    const old = '41010218991231015';
    expect(isValidIdCard(old + idCardCheckChar(old))).toBe(false);
  });

  it('rejects malformed input', () => {
    expect(isValidIdCard('')).toBe(false);
    expect(isValidIdCard('11010519491231002')).toBe(false);
    expect(isValidIdCard('11010519491231002x')).toBe(false); // lower case x is not canonical
    expect(isValidIdCard('1101051949123100X2')).toBe(false);
    expect(isValidIdCard('11010519491231002XX')).toBe(false);
  });
});

describe('generateIdCard', () => {
  it('always produces valid numbers in the region and year range', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(...REGIONS),
        fc.integer({ min: 1900, max: 2010 }),
        fc.integer({ min: 0, max: 60 }),
        (seed, region, from, span) => {
          const id = generateIdCard(createRandom(seed), region, [from, from + span]);
          expect(isValidIdCard(id)).toBe(true);
          expect(id.slice(0, 6)).toBe(region);
          const year = Number(id.slice(6, 10));
          expect(year).toBeGreaterThanOrEqual(from);
          expect(year).toBeLessThanOrEqual(from + span);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('encodes sex in the parity of the sequence code', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('male' as const, 'female' as const), (seed, sex) => {
        const id = generateIdCard(createRandom(seed), '410225', [1960, 2000], { sex });
        expect(Number(id.charAt(16)) % 2).toBe(sex === 'male' ? 1 : 0);
      }),
    );
  });

  it('is deterministic per seed and rejects bad arguments', () => {
    expect(generateIdCard(createRandom(3), '410225', [1970, 1990])).toBe(
      generateIdCard(createRandom(3), '410225', [1970, 1990]),
    );
    expect(() => generateIdCard(createRandom(1), '4102', [1970, 1990])).toThrow(RangeError);
    expect(() => generateIdCard(createRandom(1), '410225', [1990, 1970])).toThrow(RangeError);
  });
});

describe('single-character changes', () => {
  /*
   * Every weight is non-zero mod 11 and two different digits differ by 1–9, also non-zero
   * mod 11, so any one-digit change in the first 17 shifts the sum off its check; changing the
   * check character itself is caught directly; a change that breaks the date is caught by the
   * date rule. The one same-value edit would be X → x, which the strict validator rejects.
   */
  it('any substitution of one character by a different one makes a valid number invalid', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789Xx'.split('')),
        (seed, pos, ch) => {
          const id = generateIdCard(createRandom(seed), '410204', [1950, 2005]);
          fc.pre(id.charAt(pos) !== ch);
          expect(isValidIdCard(id.slice(0, pos) + ch + id.slice(pos + 1))).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
