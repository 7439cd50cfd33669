import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createFieldCrypto, maskIdCard, maskPhone, randomToken, sm3Hex } from './crypto.js';
import { createTestApp, type TestApp } from '../testing/app.js';
import { rows } from '../testing/helpers.js';
import { TEST_SECRET_KEY } from '../testing/constants.js';

const fieldCrypto = createFieldCrypto(TEST_SECRET_KEY);
const otherKey = createFieldCrypto('a5'.repeat(32));

describe('SM4 field encryption', () => {
  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => fieldCrypto.decrypt(fieldCrypto.encrypt(s)) === s),
    );
    for (const s of ['', '张三', '410225199001011234', '13800000020', 'a'.repeat(2_000)]) expect(fieldCrypto.decrypt(fieldCrypto.encrypt(s))).toBe(s);
  });

  it('gives a different ciphertext each time (random IV) that does not contain the plain text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), (s) => {
        const a = fieldCrypto.encrypt(s);
        const b = fieldCrypto.encrypt(s);
        return a !== b && a.startsWith('sm4:') && !a.includes(s.length > 3 ? s : '\u0000never');
      }),
    );
    const c = fieldCrypto.encrypt('13800000020');
    expect(c).toMatch(/^sm4:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(c).not.toContain('13800000020');
  });

  it('cannot be read with another key, and refuses what is not an SM4 field', () => {
    const c = fieldCrypto.encrypt('13800000020');
    let read: string | null = null;
    try {
      read = otherKey.decrypt(c);
    } catch {
      read = null;
    }
    expect(read).not.toBe('13800000020');
    expect(() => fieldCrypto.decrypt('13800000020')).toThrow();
    expect(() => fieldCrypto.decrypt('aes:abc:def')).toThrow();
  });

  it('refuses a key of the wrong length', () => {
    expect(() => createFieldCrypto('abcd')).toThrow(/64 hex/);
  });
});

describe('lookup hash', () => {
  it('is stable, and ignores case and surrounding spaces', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z]{1,20}$/), (s) => {
        const h = fieldCrypto.lookupHash(s);
        return (
          h === fieldCrypto.lookupHash(s) &&
          h === fieldCrypto.lookupHash(`  ${s.toLowerCase()} `) &&
          h === fieldCrypto.lookupHash(`\t${s.toUpperCase()}\n`) &&
          /^[0-9a-f]{64}$/.test(h)
        );
      }),
    );
    expect(fieldCrypto.lookupHash(' 41022519900101123x ')).toBe(fieldCrypto.lookupHash('41022519900101123X'));
  });

  it('differs between values and between keys, and is not a plain SM3 of the value', () => {
    expect(fieldCrypto.lookupHash('13800000020')).not.toBe(fieldCrypto.lookupHash('13800000021'));
    expect(fieldCrypto.lookupHash('13800000020')).not.toBe(otherKey.lookupHash('13800000020'));
    expect(fieldCrypto.lookupHash('13800000020')).not.toBe(sm3Hex('13800000020'));
  });
});

describe('masking', () => {
  it('shows a phone number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123')).toBe('***');
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), (p) => {
        const m = maskPhone(p);
        return m.length === 11 && m.slice(0, 3) === p.slice(0, 3) && m.slice(3, 7) === '****' && m.slice(7) === p.slice(7);
      }),
    );
  });

  it('shows an ID card number as 110101********1234', () => {
    expect(maskIdCard('110101199003071234')).toBe('110101********1234');
    expect(maskIdCard('11010119900307123X')).toBe('110101********123X');
    expect(maskIdCard('123456789')).toBe('*********');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => /^\d{6}\*{8}[\dX]{4}$/.test(maskIdCard(id)) && !maskIdCard(id).includes(id.slice(6, 14))),
    );
  });

  it('makes random tokens of 256 bits', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });
});

describe('personal data at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the users table holds no phone number in clear', async () => {
    const list = await rows<{ username: string; phone_enc: string | null; phone_hash: string | null }>(t, sql`select username, phone_enc, phone_hash from users`);
    expect(list.length).toBeGreaterThan(10);
    for (const u of list) {
      expect(u.phone_enc ?? '').not.toMatch(/^1\d{10}$/);
      expect(u.phone_enc ?? '').not.toContain('13800000020');
      if (u.phone_hash) expect(u.phone_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(list)).not.toContain('13800000020');
    const kf = list.find((u) => u.username === 'kf_dispatcher')!;
    expect(kf.phone_enc).toMatch(/^sm4:/);
    expect(t.crypto.decrypt(kf.phone_enc!)).toBe('13800000020');
    expect(kf.phone_hash).toBe(t.crypto.lookupHash('13800000020'));
  });

  it('no row of users or enterprises carries its own phone number in clear', async () => {
    const users = await rows<Record<string, unknown> & { phone_enc: string | null }>(t, sql`select * from users`);
    for (const u of users) {
      if (!u.phone_enc) continue;
      const phone = t.crypto.decrypt(u.phone_enc);
      expect(phone).toMatch(/^1\d{10}$/);
      expect(JSON.stringify(u)).not.toContain(phone);
    }
    const ents = await rows<Record<string, unknown> & { contact_phone_enc: string }>(t, sql`select * from enterprises limit 300`);
    expect(ents.length).toBeGreaterThan(0);
    for (const e of ents) {
      expect(e.contact_phone_enc).toMatch(/^sm4:/);
      const phone = t.crypto.decrypt(e.contact_phone_enc);
      expect(phone).toMatch(/^1\d{10}$/);
      expect(JSON.stringify(e)).not.toContain(phone);
    }
  });

  it('the API shows phone numbers only masked', async () => {
    const cookie = await t.login('sysadmin');
    const res = await t.req('GET', '/api/users?q=kf_dispatcher', { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].phoneMasked).toBe('138****0020');
    expect(res.body).not.toContain('13800000020');
    expect(res.body).not.toContain('sm4:');
  });
});
