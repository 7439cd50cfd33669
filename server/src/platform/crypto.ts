import crypto from 'node:crypto';
import { hmacSm3Hex } from './sm3.js';

/**
 * Personal data protection (PIPL, 等保): SM4 for encryption at rest, keyed SM3 (HMAC) so a
 * value can be found without storing it in clear, and masking for display.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for equality lookups. */
  lookupHash(plain: string): string;
}

export function createFieldCrypto(keyHex: string): FieldCrypto {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('SIBAO_SECRET_KEY must be 64 hex characters (32 bytes)');
  // Separate keys for the two purposes, so the lookup hash reveals nothing about the cipher key.
  const encKey = crypto.createHmac('sm3', key).update('sibao:sm4').digest().subarray(0, 16);
  const macKey = crypto.createHmac('sm3', key).update('sibao:lookup').digest();
  // Same HMAC-SM3 as crypto.createHmac('sm3', macKey), with the key schedule done once (bulk ingest hashes millions).
  const lookup = hmacSm3Hex(macKey);
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(16);
      const cipher = crypto.createCipheriv('sm4-cbc', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `sm4:${iv.toString('base64')}:${body.toString('base64')}`;
    },
    decrypt(stored) {
      const [tag, ivB64, bodyB64] = stored.split(':');
      if (tag !== 'sm4' || !ivB64 || !bodyB64) throw new Error('not an SM4 field');
      const decipher = crypto.createDecipheriv('sm4-cbc', encKey, Buffer.from(ivB64, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(bodyB64, 'base64')), decipher.final()]).toString('utf8');
    },
    lookupHash(plain) {
      return lookup(plain.trim().toUpperCase());
    },
  };
}

export function sm3Hex(input: string): string {
  return crypto.createHash('sm3').update(input, 'utf8').digest('hex');
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 110101199003071234 → 110101********1234 */
export function maskIdCard(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
