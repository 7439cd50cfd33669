import type { Random } from './random.js';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 *   pos 1      registration authority (9 = industry and commerce, i.e. market regulation)
 *   pos 2      organisation type under that authority (1 = enterprise)
 *   pos 3–8    GB/T 2260 region code of the registering authority
 *   pos 9–17   organisation code, GB 11714 (its own check character at pos 17)
 *   pos 18     check character over pos 1–17
 *
 * The letters I, O, S, V and Z are excluded so they cannot be misread as 1, 0, 5, U and 2.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_CHARS: readonly string[] = USCC_CHARSET.split('');
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 values characters 0-9, A-Z as 0-35 (a different scale from USCC_CHARSET). */
const ORG_CODE_VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

function usccValue(ch: string): number {
  const v = ch.length === 1 ? USCC_CHARSET.indexOf(ch) : -1;
  if (v < 0) throw new RangeError(`'${ch}' is not a USCC character`);
  return v;
}

/** The 18th character for the given first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`need 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(first17.charAt(i)) * USCC_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARSET.charAt(check);
}

/** The 9th character of a GB 11714 organisation code for its first 8 characters. */
export function organisationCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError(`need 8 characters, got ${first8.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = ORG_CODE_VALUES.indexOf(first8.charAt(i));
    if (v < 0) throw new RangeError(`'${first8.charAt(i)}' is not an organisation code character`);
    sum += v * ORG_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export interface UsccValidationOptions {
  /**
   * Also require a valid GB 11714 check character at position 17. Off by default: the 18th
   * character is what GB 32100 itself defines as the code's check, it is what the usual
   * validators test, and we have not verified that every code a registry has issued also
   * satisfies the embedded check — a false rejection would turn a real enterprise away.
   */
  organisationCode?: boolean;
}

/**
 * Strict: upper case only, as the standard prints them. A caller taking user input should
 * trim and upper-case first; lower case is not silently accepted here so that stored codes
 * stay in one canonical form.
 */
export function isValidUscc(code: string, options: UsccValidationOptions = {}): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return false;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return false;
  if (usccCheckChar(code.slice(0, 17)) !== code.charAt(17)) return false;
  if (options.organisationCode) {
    return organisationCodeCheckChar(code.slice(8, 16)) === code.charAt(16);
  }
  return true;
}

/**
 * A valid enterprise code registered by market regulation in the given region. Both check
 * characters are right, so the code passes the strict validation too. Most organisation codes
 * issued since 2015 start with "MA"; older ones are digits, so both shapes appear.
 */
export function generateUscc(rng: Random, regionCode6: string): string {
  if (!/^\d{6}$/.test(regionCode6)) throw new RangeError(`region code must be 6 digits: ${regionCode6}`);
  let body: string;
  if (rng.chance(0.7)) {
    body = 'MA';
    for (let i = 0; i < 6; i++) body += rng.pick(USCC_CHARS);
  } else {
    body = '';
    for (let i = 0; i < 8; i++) body += String(rng.int(0, 9));
  }
  const first17 = `91${regionCode6}${body}${organisationCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}
