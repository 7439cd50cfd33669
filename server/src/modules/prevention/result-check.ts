import type { FieldCrypto } from '../../platform/crypto.js';
import { isValidIdCard } from '../../seed/idcard.js';

/**
 * The checks of one PCR-test result row, shared by every ingest path (the generic staging pipeline
 * in ingest.ts and the direct COPY path on PostgreSQL in ingest-pg.ts), so a rule changes in one place.
 */

/** Column names accepted in a CSV header (English or the institutions' Chinese). */
export const TEST_RESULT_HEADER: Record<string, keyof RawRow> = {
  sample_id: 'sampleId', sampleid: 'sampleId', 样本编号: 'sampleId', 样本号: 'sampleId',
  id_card: 'idCard', idcard: 'idCard', 身份证号: 'idCard', 证件号码: 'idCard',
  sampled_at: 'sampledAt', sampledat: 'sampledAt', 采样时间: 'sampledAt',
  result: 'result', 检测结果: 'result', 结果: 'result',
  institution: 'institution', 检测机构: 'institution',
};
export interface RawRow { sampleId?: unknown; idCard?: unknown; sampledAt?: unknown; result?: unknown; institution?: unknown }
const RESULT = new Map<string, 'negative' | 'positive'>([['negative', 'negative'], ['positive', 'positive'], ['阴性', 'negative'], ['阳性', 'positive'], ['neg', 'negative'], ['pos', 'positive']]);

export interface StagedRow { lineNo: number; sampleId: string; idCardHash: string; sampledAt: Date; result: 'negative' | 'positive'; institution: string }

const EARLIEST = Date.UTC(1900, 0, 1);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Two ASCII digits at i as a number, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The forms institutions send, `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]` with an optional `Z` / `±HH[:MM]`,
 * read from the characters (Date.parse and its regex were a fifth of the ingest's time). Stricter than
 * Date.parse, which turns 2月30日 into 3月2日 (and PostgreSQL would refuse it). NaN when invalid,
 * undefined for any other form (left to Date.parse).
 */
function isoMs(s: string): { ms: number; local: boolean } | number | undefined {
  const n = s.length;
  if (n < 16 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return undefined;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return undefined;
  const y1 = d2(s, 0);
  const y2 = d2(s, 2);
  const mo = d2(s, 5);
  const d = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  if (y1 < 10 || y2 < 0 || mo < 0 || d < 0 || h < 0 || mi < 0) return undefined;
  let i = 16;
  let sec = 0;
  let frac = 0;
  if (s.charCodeAt(i) === 58) {
    sec = d2(s, i + 1);
    if (sec < 0) return undefined;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      let k = i + 1;
      let scale = 100;
      for (; k < n && k - i <= 3; k++) {
        const c = s.charCodeAt(k) - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
      }
      // More than milliseconds: Date.parse decides, as before.
      if (k === i + 1 || (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57)) return undefined;
      i = k;
    }
  }
  let offset = 0;
  let local = false;
  if (i === n) local = true;
  else if (s.charCodeAt(i) === 90 && i + 1 === n) offset = 0;
  else {
    const sign = s.charCodeAt(i);
    if (sign !== 43 && sign !== 45) return undefined;
    const oh = d2(s, i + 1);
    const om = i + 3 === n ? 0 : s.charCodeAt(i + 3) === 58 && i + 6 === n ? d2(s, i + 4) : i + 5 === n ? d2(s, i + 3) : -1;
    if (oh < 0 || om < 0) return undefined;
    // Real offsets run from -12:00 to +14:00; PostgreSQL refuses past ±15:59, which would fail a whole COPY.
    if (oh > 14 || om > 59) return Number.NaN;
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  }
  const y = y1 * 100 + y2;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && leap ? 29 : DAYS[mo - 1]!) || h > 23 || mi > 59 || sec > 59) return Number.NaN;
  if (local) offset = 480;
  return { ms: Date.UTC(y, mo - 1, d, h, mi, sec, frac) - offset * 60_000, local };
}

/**
 * A sampled_at cell: its instant (NaN when invalid) and its text for COPY. Times without an offset
 * are the institutions' local time (Asia/Shanghai).
 */
export function readTime(v: string): { ms: number; text: string } {
  const s = v.trim();
  const fast = isoMs(s);
  if (typeof fast === 'object') return fast.ms < EARLIEST ? { ms: Number.NaN, text: '' } : { ms: fast.ms, text: fast.local ? `${s}+08` : s };
  if (typeof fast === 'number') return { ms: fast, text: '' };
  const t = Date.parse(s);
  // Before 1900 is no sample time, and Date.parse reaches years PostgreSQL cannot read back (BC, six digits).
  if (Number.isNaN(t) || t < EARLIEST) return { ms: Number.NaN, text: '' };
  return { ms: t, text: new Date(t).toISOString() };
}

/** Times without an offset are the institutions' local time (Asia/Shanghai). */
export function parseTime(v: string): Date | null {
  const { ms } = readTime(v);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A cell as trimmed text (JSON lines may carry numbers). */
export const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/**
 * The keyed hash of valid ID numbers, remembered for one run (made per run and dropped with it, so
 * no ID numbers stay in the server's memory): the same people recur within a file (and day after day),
 * so most rows skip both the GB 11643 check and the HMAC. At most `cap` entries, the oldest
 * inserted evicted first (a Map keeps insertion order): a hit costs one lookup, where an LRU would
 * reorder the Map on every hit.
 */
export class IdHashCache {
  private readonly map = new Map<string, string>();
  constructor(private readonly crypto: FieldCrypto, private readonly cap = 200_000) {}

  /** The lookup hash of a normalised ID number, or null when the number is not valid. */
  hash(id: string): string | null {
    const known = this.map.get(id);
    if (known !== undefined) return known;
    if (!isValidIdCard(id)) return null;
    const h = this.crypto.lookupHash(id);
    if (this.map.size >= this.cap) this.map.delete(this.map.keys().next().value!);
    // A copy as the key: the cell is a slice of a whole input chunk, which the cache would keep alive.
    this.map.set(Buffer.from(id, 'latin1').toString('latin1'), h);
    return h;
  }

  get size(): number {
    return this.map.size;
  }
}

/** What the checks need of an ID number: its lookup hash, or null when it is not valid. */
export interface IdHasher { hash(id: string): string | null }

/** A checked row, filled in place (the bulk reader reuses one for every row of a file). */
export interface CheckedRow { sampleId: string; idCardHash: string; at: number; atText: string; result: 'negative' | 'positive'; institution: string }
export const checkedRow = (): CheckedRow => ({ sampleId: '', idCardHash: '', at: 0, atText: '', result: 'negative', institution: '' });

/** Checks one row given as trimmed cells into `out`; answers the reject reason, or null when the row passes. */
export function checkCells(out: CheckedRow, ids: IdHasher, nowMs: number, sampleId: string, idCard: string, sampledAt: string, resultText: string, institution: string): string | null {
  if (!sampleId || sampleId.length > 64) return '样本编号缺失或过长 sample_id missing or too long';
  // Only a final x can differ in case in a valid number; anything else fails the check either way.
  const idCardHash = ids.hash(idCard.length === 18 && idCard.charCodeAt(17) !== 120 ? idCard : idCard.toUpperCase());
  if (idCardHash === null) return '身份证号码无效 invalid id_card';
  const t = readTime(sampledAt);
  if (Number.isNaN(t.ms)) return '采样时间无效 invalid sampled_at';
  if (t.ms > nowMs + 3600_000) return '采样时间在未来 sampled_at is in the future';
  const result = RESULT.get(resultText) ?? RESULT.get(resultText.toLowerCase());
  if (!result) return '检测结果无效（阴性/阳性） invalid result';
  if (!institution || institution.length > 200) return '检测机构缺失 institution missing';
  // PostgreSQL text cannot hold NUL: one such cell would fail a whole COPY (or insert) instead of one row.
  if (sampleId.includes('\0') || institution.includes('\0')) return '含有空字符 contains a NUL character';
  out.sampleId = sampleId;
  out.idCardHash = idCardHash;
  out.at = t.ms;
  out.atText = t.text;
  out.result = result;
  out.institution = institution;
  return null;
}

/** Checks one record (CSV cells or a JSON object, already renamed through the header). */
export function checkRow(crypto: FieldCrypto, raw: RawRow, lineNo: number, now: Date): StagedRow | string {
  const r = checkedRow();
  // One row at a time (the staging path): no cache, so no ID numbers outlive the row.
  const ids: IdHasher = { hash: (id) => (isValidIdCard(id) ? crypto.lookupHash(id) : null) };
  const reason = checkCells(r, ids, now.getTime(), str(raw.sampleId), str(raw.idCard), str(raw.sampledAt), str(raw.result), str(raw.institution));
  return reason ?? { lineNo, sampleId: r.sampleId, idCardHash: r.idCardHash, sampledAt: new Date(r.at), result: r.result, institution: r.institution };
}
