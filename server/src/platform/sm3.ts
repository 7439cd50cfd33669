/**
 * SM3 (GB/T 32905-2016) in plain JavaScript, for one purpose: a keyed HMAC-SM3 whose key schedule is done once.
 * Node's crypto.createHmac('sm3', key) is correct but builds a MAC context for every call; at millions of rows
 * (bulk PCR-test ingest hashes each ID number) that overhead is most of the ingest's CPU. Here the inner and outer
 * padded-key blocks are compressed once, and each message costs two compressions and no allocation beyond its bytes.
 * crypto.test.ts proves the output equals createHmac('sm3', key) byte for byte.
 */
const IV = new Int32Array([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600 | 0, 0xa96f30bc | 0, 0x163138aa, 0xe38dee4d | 0, 0xb0fb0e4e | 0]);
const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const TJ = new Int32Array(64);
for (let j = 0; j < 64; j++) TJ[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);

const W = new Int32Array(68);
/** One compression of the 64-byte block at `off` into state `v` (in place). */
function compress(v: Int32Array, block: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const p = off + i * 4;
    W[i] = (block[p]! << 24) | (block[p + 1]! << 16) | (block[p + 2]! << 8) | block[p + 3]!;
  }
  for (let j = 16; j < 68; j++) {
    const x = W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15);
    W[j] = (x ^ rotl(x, 15) ^ rotl(x, 23)) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!;
  }
  let a = v[0]!, b = v[1]!, c = v[2]!, d = v[3]!, e = v[4]!, f = v[5]!, g = v[6]!, h = v[7]!;
  // Rounds 0–15 and 16–63 differ only in FF/GG; two loops keep the branch out of the hot path.
  for (let j = 0; j < 16; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + TJ[j]!) | 0, 7);
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (W[j]! ^ W[j + 4]!)) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + W[j]!) | 0;
    d = c; c = rotl(b, 9); b = a; a = tt1;
    h = g; g = rotl(f, 19); f = e; e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  for (let j = 16; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + TJ[j]!) | 0, 7);
    const tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (W[j]! ^ W[j + 4]!)) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + W[j]!) | 0;
    d = c; c = rotl(b, 9); b = a; a = tt1;
    h = g; g = rotl(f, 19); f = e; e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  v[0]! ^= a; v[1]! ^= b; v[2]! ^= c; v[3]! ^= d; v[4]! ^= e; v[5]! ^= f; v[6]! ^= g; v[7]! ^= h;
}

const buf = new Uint8Array(128);
/** Finishes a hash whose state `v` has absorbed `prefix` bytes, over `msg`; the result is left in `v`. */
function finish(v: Int32Array, prefix: number, msg: Uint8Array): void {
  let off = 0;
  for (; off + 64 <= msg.length; off += 64) compress(v, msg, off);
  const rest = msg.length - off;
  buf.fill(0);
  buf.set(msg.subarray(off), 0);
  buf[rest] = 0x80;
  const blocks = rest + 9 <= 64 ? 1 : 2;
  const bits = (prefix + msg.length) * 8;
  const end = blocks * 64;
  // Lengths here stay far below 2^53 bits; the high word is what JS numbers carry above 2^32.
  const hi = Math.floor(bits / 0x100000000);
  buf[end - 8] = hi >>> 24; buf[end - 7] = hi >>> 16; buf[end - 6] = hi >>> 8; buf[end - 5] = hi;
  buf[end - 4] = bits >>> 24; buf[end - 3] = bits >>> 16; buf[end - 2] = bits >>> 8; buf[end - 1] = bits;
  compress(v, buf, 0);
  if (blocks === 2) compress(v, buf, 64);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const enc = new TextEncoder();

/** HMAC-SM3 with a fixed key: returns a function from a UTF-8 string to the lowercase hex digest. */
export function hmacSm3Hex(key: Uint8Array): (msg: string) => string {
  if (key.length > 64) throw new Error('HMAC-SM3 keys longer than one block are not supported here');
  const k = new Uint8Array(64);
  k.set(key);
  const inner0 = new Int32Array(IV);
  const outer0 = new Int32Array(IV);
  compress(inner0, k.map((x) => x ^ 0x36), 0);
  compress(outer0, k.map((x) => x ^ 0x5c), 0);
  const v = new Int32Array(8);
  const digest = new Uint8Array(32);
  const ascii = new Uint8Array(256);
  return (msg: string) => {
    // ID numbers and phones are ASCII: copy the char codes rather than run an encoder.
    let n = msg.length <= ascii.length ? 0 : -1;
    for (; n >= 0 && n < msg.length; n++) {
      const c = msg.charCodeAt(n);
      if (c > 0x7f) n = -2;
      else ascii[n] = c;
    }
    const bytes = n === msg.length ? ascii.subarray(0, n) : enc.encode(msg);
    v.set(inner0);
    finish(v, 64, bytes);
    for (let i = 0; i < 8; i++) {
      const w = v[i]!;
      digest[i * 4] = w >>> 24; digest[i * 4 + 1] = w >>> 16; digest[i * 4 + 2] = w >>> 8; digest[i * 4 + 3] = w;
    }
    v.set(outer0);
    finish(v, 64, digest);
    let out = '';
    for (let i = 0; i < 8; i++) {
      const w = v[i]!;
      out += HEX[(w >>> 24) & 255]! + HEX[(w >>> 16) & 255]! + HEX[(w >>> 8) & 255]! + HEX[w & 255]!;
    }
    return out;
  };
}
