import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hmacSm3Hex } from './sm3.js';
import { createFieldCrypto } from './crypto.js';

describe('HMAC-SM3 in JavaScript', () => {
  const key = crypto.createHmac('sm3', 'k').update('sibao:lookup').digest();
  const mac = hmacSm3Hex(key);
  const node = (s: string) => crypto.createHmac('sm3', key).update(s, 'utf8').digest('hex');

  it('equals Node’s createHmac(sm3) for any text, across block boundaries', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => mac(s) === node(s)), { numRuns: 300 });
    for (let n = 0; n <= 200; n++) expect(mac('x'.repeat(n)), `length ${n}`).toBe(node('x'.repeat(n)));
    for (const s of ['', '410225199001011234', '41022519900101123X', '张三', '13800000020']) expect(mac(s)).toBe(node(s));
  });

  it('keeps the field crypto’s lookup hash what it was (stored hashes still match)', () => {
    const keyHex = 'a5'.repeat(32);
    const macKey = crypto.createHmac('sm3', Buffer.from(keyHex, 'hex')).update('sibao:lookup').digest();
    expect(createFieldCrypto(keyHex).lookupHash(' 41022519900101123x ')).toBe(crypto.createHmac('sm3', macKey).update('41022519900101123X').digest('hex'));
  });
});
