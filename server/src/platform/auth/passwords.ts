import { hash, verify, Algorithm } from '@node-rs/argon2';

// Argon2id with OWASP's second recommended profile (19 MiB, t=2): memory-hard, ~50 ms here.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so timing does not reveal accounts. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-Aa1!');
  return dummy;
}

/** At least minLength characters of at least three kinds among upper, lower, digits, symbols. */
export function passwordMeetsPolicy(password: string, minLength: number): boolean {
  if (password.length < minLength) return false;
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return kinds >= 3;
}
