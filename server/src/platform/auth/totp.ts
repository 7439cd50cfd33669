import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'sibao';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/** One step either side tolerates a phone clock a little off. */
export function verifyTotp(secretBase32: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32, 'x').validate({ token: code, window: 1 }) !== null;
}

/**
 * The time step (30-second counter) a code belongs to, within one step either side of `now`, or
 * null. Login accepts each step at most once per account (RFC 6238 §5.2: a verifier must not accept
 * the same code twice), so the caller stores the step it accepted.
 */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, 'x').validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

export function currentTotp(secretBase32: string): string {
  return totpFor(secretBase32, 'x').generate();
}

/** The code of a given time step (tests and tools that must not reuse a step). */
export function totpForStep(secretBase32: string, step: number): string {
  return totpFor(secretBase32, 'x').generate({ timestamp: step * 30_000 });
}

export async function totpEnrollment(secretBase32: string, username: string) {
  const otpauthUrl = totpFor(secretBase32, username).toString();
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 });
  return { secret: secretBase32, otpauthUrl, qrDataUrl };
}
