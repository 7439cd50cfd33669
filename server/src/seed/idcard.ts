import type { Random } from './random.js';

/**
 * Resident identity card number (公民身份号码), GB 11643-1999:
 * 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd for men, even for
 * women), and an ISO 7064 MOD 11-2 check character.
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_MAP = '10X98765432';

export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * ID_WEIGHTS[i]!;
  return ID_CHECK_MAP.charAt(sum % 11);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Date.UTC rolls 2月30日 over to March; comparing back catches impossible dates.
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Strict: the check character must be an upper-case X, as the standard prints it. Callers
 * taking typed input upper-case it first, so a stored number has one canonical form (it is
 * also the input of a keyed hash, where 'x' and 'X' would otherwise be two people).
 * Birth years before 1900 are rejected: nobody alive carries one.
 */
export function isValidIdCard(id: string): boolean {
  if (typeof id !== 'string' || !/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || !isRealDate(year, month, day)) return false;
  return idCardCheckChar(id.slice(0, 17)) === id.charAt(17);
}

export interface GeneratedIdCardOptions {
  /** 'male' gives an odd sequence code, 'female' an even one; random when omitted. */
  sex?: 'male' | 'female';
}

/** A valid number for someone born in [from, to] (inclusive years) in the given region. */
export function generateIdCard(
  rng: Random,
  regionCode6: string,
  birthYearRange: readonly [from: number, to: number],
  options: GeneratedIdCardOptions = {},
): string {
  if (!/^\d{6}$/.test(regionCode6)) throw new RangeError(`region code must be 6 digits: ${regionCode6}`);
  const [from, to] = birthYearRange;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1900 || from > to || to > 9999) {
    throw new RangeError(`bad birth year range [${from}, ${to}]`);
  }
  const year = rng.int(from, to);
  const month = rng.int(1, 12);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = rng.int(1, daysInMonth);
  const sex = options.sex ?? (rng.chance(0.5) ? 'male' : 'female');
  // Sequence 000 is not issued; 1–998 keeps both parities in range.
  let seq = rng.int(1, 998);
  if ((seq % 2 === 1) !== (sex === 'male')) seq += 1;
  const first17 =
    regionCode6 +
    String(year).padStart(4, '0') +
    String(month).padStart(2, '0') +
    String(day).padStart(2, '0') +
    String(seq).padStart(3, '0');
  return first17 + idCardCheckChar(first17);
}
