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
const RESULT: Record<string, 'negative' | 'positive'> = { negative: 'negative', positive: 'positive', 阴性: 'negative', 阳性: 'positive', neg: 'negative', pos: 'positive' };

export interface StagedRow { lineNo: number; sampleId: string; idCardHash: string; sampledAt: Date; result: 'negative' | 'positive'; institution: string }

/** Times without an offset are the institutions' local time (Asia/Shanghai). */
export function parseTime(v: string): Date | null {
  const s = v.trim();
  const local = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
  const t = Date.parse(local ? `${s.replace(' ', 'T')}+08:00` : s);
  return Number.isNaN(t) ? null : new Date(t);
}

/** A cell as trimmed text (JSON lines may carry numbers). */
export const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/**
 * The keyed hash of valid ID numbers, remembered: the same people are tested day after day, so most
 * rows of a file skip both the GB 11643 check and the HMAC. Two generations of at most cap/2 entries
 * each approximate an LRU without the cost of reordering a Map on every hit.
 */
export class IdHashCache {
  private young = new Map<string, string>();
  private old = new Map<string, string>();
  constructor(private readonly crypto: FieldCrypto, private readonly cap = 200_000) {}

  /** The lookup hash of a normalised ID number, or null when the number is not valid. */
  hash(id: string): string | null {
    let h = this.young.get(id);
    if (h !== undefined) return h;
    h = this.old.get(id);
    if (h === undefined) {
      if (!isValidIdCard(id)) return null;
      h = this.crypto.lookupHash(id);
    }
    if (this.young.size >= this.cap / 2) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(id, h);
    return h;
  }
}

// One cache per key: a cache is only ever asked with the crypto it was built for.
const caches = new WeakMap<FieldCrypto, IdHashCache>();
export function idHashCache(crypto: FieldCrypto): IdHashCache {
  let c = caches.get(crypto);
  if (!c) caches.set(crypto, (c = new IdHashCache(crypto)));
  return c;
}

/** Checks one row given as trimmed cells; a string is the reject reason. */
export function checkCells(ids: IdHashCache, lineNo: number, now: Date, sampleId: string, idCard: string, sampledAtText: string, resultText: string, institution: string): StagedRow | string {
  if (!sampleId || sampleId.length > 64) return '样本编号缺失或过长 sample_id missing or too long';
  const idCardHash = ids.hash(idCard.toUpperCase());
  if (idCardHash === null) return '身份证号码无效 invalid id_card';
  const sampledAt = parseTime(sampledAtText);
  if (!sampledAt) return '采样时间无效 invalid sampled_at';
  if (sampledAt.getTime() > now.getTime() + 3600_000) return '采样时间在未来 sampled_at is in the future';
  const result = RESULT[resultText.toLowerCase()];
  if (!result) return '检测结果无效（阴性/阳性） invalid result';
  if (!institution || institution.length > 200) return '检测机构缺失 institution missing';
  return { lineNo, sampleId, idCardHash, sampledAt, result, institution };
}

/** Checks one record (CSV cells or a JSON object, already renamed through the header). */
export function checkRow(crypto: FieldCrypto, raw: RawRow, lineNo: number, now: Date): StagedRow | string {
  return checkCells(idHashCache(crypto), lineNo, now, str(raw.sampleId), str(raw.idCard), str(raw.sampledAt), str(raw.result), str(raw.institution));
}
