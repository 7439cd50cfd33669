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

export function currentTotp(secretBase32: string): string {
  return totpFor(secretBase32, 'x').generate();
}

export async function totpEnrollment(secretBase32: string, username: string) {
  const otpauthUrl = totpFor(secretBase32, username).toString();
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 });
  return { secret: secretBase32, otpauthUrl, qrDataUrl };
}
