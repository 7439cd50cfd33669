import { sql } from 'drizzle-orm';
import { maskIdCard, maskPhone } from '../../platform/crypto.js';
import type { Conn } from '../../platform/db/index.js';
import { isValidIdCard } from '../../seed/idcard.js';
import { copyField, countOf, type IngestKind, type RawRecord, type RunArea } from './ingest.js';
import { parseTime, str } from './result-check.js';
import { normaliseIdCard, type PreventionService } from './service.js';
import { DRUG_CLASSES, preventionPurchaseStaging, preventionScanStaging, type DrugClass } from './tracing.tables.js';

/** The person columns every tracing row carries into staging: hash for lookups, SM4 and mask for display. */
interface PersonCols { personHash: string; idCardEnc: string; idCardMasked: string }

function person(svc: PreventionService, raw: unknown): PersonCols | null {
  const id = normaliseIdCard(str(raw));
  if (!isValidIdCard(id)) return null;
  return { personHash: svc.crypto.lookupHash(id), idCardEnc: svc.crypto.encrypt(id), idCardMasked: maskIdCard(id) };
}

function time(raw: unknown, now: Date): Date | string {
  const t = parseTime(str(raw));
  if (!t) return 'invalid';
  if (t.getTime() > now.getTime() + 3600_000) return 'future';
  return t;
}

/** Latest sighting wins; a re-run cannot move it backwards (greatest). */
async function upsertPersons(tx: Conn, staging: string, runId: string, timeColumn: string, withPhone: boolean): Promise<void> {
  const t = sql.identifier(staging);
  const tc = sql.identifier(timeColumn);
  await tx.execute(sql`
    insert into prevention_traced_persons as p (person_hash, id_card_enc, id_card_masked, phone_enc, phone_masked, last_seen_at)
    select distinct on (person_hash) person_hash, id_card_enc, id_card_masked, ${withPhone ? sql`phone_enc, phone_masked` : sql`null, null`}, ${tc}
    from ${t} where run_id = ${runId} order by person_hash, ${tc} desc
    on conflict (person_hash) do update set
      last_seen_at = greatest(p.last_seen_at, excluded.last_seen_at),
      phone_enc = coalesce(excluded.phone_enc, p.phone_enc), phone_masked = coalesce(excluded.phone_masked, p.phone_masked)`);
}

// ---- venue scans -------------------------------------------------------------------------------

export interface ScanRow extends PersonCols { lineNo: number; venueCode: string; scannedAt: Date }

const SCAN_HEADER: Record<string, string> = {
  id_card: 'idCard', idcard: 'idCard', 身份证号: 'idCard', 证件号码: 'idCard',
  venue_code: 'venueCode', venuecode: 'venueCode', 场所码: 'venueCode', 场所编码: 'venueCode',
  scanned_at: 'scannedAt', scannedat: 'scannedAt', 扫码时间: 'scannedAt',
};

export function checkScan(svc: PreventionService, raw: RawRecord, lineNo: number, now: Date): ScanRow | string {
  const p = person(svc, raw.idCard);
  if (!p) return '身份证号码无效 invalid id_card';
  const venueCode = str(raw.venueCode);
  if (!venueCode || venueCode.length > 64) return '场所码缺失或过长 venue_code missing or too long';
  const t = time(raw.scannedAt, now);
  if (t === 'invalid') return '扫码时间无效 invalid scanned_at';
  if (t === 'future') return '扫码时间在未来 scanned_at is in the future';
  return { lineNo, ...p, venueCode, scannedAt: t as Date };
}

/** Venue scans: idempotent by (person, time, venue); the person is kept once in prevention_traced_persons. */
export const VENUE_SCANS: IngestKind<ScanRow> = {
  name: 'venue_scans',
  header: SCAN_HEADER,
  check: checkScan,
  stagingTable: 'prevention_scan_staging',
  copyColumns: 'run_id, line_no, person_hash, id_card_enc, id_card_masked, venue_code, scanned_at',
  copyFields: (r) => [r.personHash, r.idCardEnc, r.idCardMasked, copyField(r.venueCode), r.scannedAt.toISOString()],
  insertStaged: async (conn, runId, rows) => {
    await conn.insert(preventionScanStaging).values(rows.map((r) => ({ runId, ...r })));
  },
  merge: async (tx, run) => {
    await upsertPersons(tx, 'prevention_scan_staging', run.id, 'scanned_at', false);
    return countOf(
      await tx.execute(sql`
        with ins as (
          insert into prevention_venue_scans (person_hash, scanned_at, venue_code)
          select person_hash, scanned_at, venue_code from prevention_scan_staging where run_id = ${run.id}
          on conflict do nothing returning 1
        ) select count(*)::int as n from ins`),
    );
  },
};

// ---- drug purchases ----------------------------------------------------------------------------

/** `regionCode`: the pharmacy's region when the row names one, null for the run's region. */
export interface PurchaseRow extends PersonCols { lineNo: number; purchaseId: string; phoneEnc: string | null; phoneMasked: string | null; pharmacy: string; regionCode: string | null; drugClass: DrugClass; purchasedAt: Date }

const PURCHASE_HEADER: Record<string, string> = {
  purchase_id: 'purchaseId', purchaseid: 'purchaseId', 购药单号: 'purchaseId', 流水号: 'purchaseId',
  id_card: 'idCard', idcard: 'idCard', 身份证号: 'idCard', 证件号码: 'idCard',
  phone: 'phone', 手机号: 'phone', 联系电话: 'phone',
  pharmacy: 'pharmacy', 药店: 'pharmacy', 药店名称: 'pharmacy',
  region_code: 'regionCode', regioncode: 'regionCode', pharmacy_region: 'regionCode', 药店所在地区代码: 'regionCode', 药店地区代码: 'regionCode', 地区代码: 'regionCode', 区划代码: 'regionCode', 行政区划代码: 'regionCode',
  drug_class: 'drugClass', drugclass: 'drugClass', 药品类别: 'drugClass',
  purchased_at: 'purchasedAt', purchasedat: 'purchasedAt', 购药时间: 'purchasedAt',
};
const DRUG_CLASS: Record<string, DrugClass> = {
  ...Object.fromEntries(DRUG_CLASSES.map((c) => [c, c])),
  退热: 'fever', 退烧: 'fever', 止咳: 'cough', 抗病毒: 'antiviral', 抗菌素: 'antibiotic', 抗生素: 'antibiotic',
};

export function checkPurchase(svc: PreventionService, raw: RawRecord, lineNo: number, now: Date, area: RunArea): PurchaseRow | string {
  const purchaseId = str(raw.purchaseId);
  if (!purchaseId || purchaseId.length > 64) return '购药单号缺失或过长 purchase_id missing or too long';
  const p = person(svc, raw.idCard);
  if (!p) return '身份证号码无效 invalid id_card';
  const phone = str(raw.phone);
  if (phone && !/^1\d{10}$/.test(phone)) return '手机号无效 invalid phone';
  const pharmacy = str(raw.pharmacy);
  if (!pharmacy || pharmacy.length > 200) return '药店缺失 pharmacy missing';
  // The pharmacy's region (optional): a known region within the uploader's; empty means the run's region.
  const regionCode = str(raw.regionCode) || null;
  if (regionCode !== null) {
    if (!/^\d{6}$/.test(regionCode)) return '药店所在地区代码应为 6 位数字 region_code must be 6 digits';
    if (!svc.regions.name(regionCode)) return '药店所在地区代码不存在 unknown region_code';
    if (!area.covers(regionCode)) return '药店所在地区不在上传单位辖区内 region_code outside the uploader\'s area';
  }
  const drugClass = DRUG_CLASS[str(raw.drugClass).toLowerCase()];
  if (!drugClass) return '药品类别无效（退热/止咳/抗病毒/抗菌素） invalid drug_class';
  const t = time(raw.purchasedAt, now);
  if (t === 'invalid') return '购药时间无效 invalid purchased_at';
  if (t === 'future') return '购药时间在未来 purchased_at is in the future';
  return { lineNo, purchaseId, ...p, phoneEnc: phone ? svc.crypto.encrypt(phone) : null, phoneMasked: phone ? maskPhone(phone) : null, pharmacy, regionCode, drugClass, purchasedAt: t as Date };
}

/**
 * Drug purchases of the four classes, idempotent by purchase id. The pharmacy's region is the row's
 * `region_code` when given (checked to lie within the run's region), the run's otherwise, so a city's
 * file puts each purchase in its county and the alert reaches that county's staff. A buyer on a roster
 * links the purchase to that enterprise, so its sentinel alert reaches it too.
 */
export const DRUG_PURCHASES: IngestKind<PurchaseRow> = {
  name: 'drug_purchases',
  header: PURCHASE_HEADER,
  check: checkPurchase,
  stagingTable: 'prevention_purchase_staging',
  copyColumns: 'run_id, line_no, purchase_id, person_hash, id_card_enc, id_card_masked, phone_enc, phone_masked, pharmacy, region_code, drug_class, purchased_at',
  copyFields: (r) => [copyField(r.purchaseId), r.personHash, r.idCardEnc, r.idCardMasked, r.phoneEnc ?? '\\N', r.phoneMasked ?? '\\N', copyField(r.pharmacy), r.regionCode ?? '\\N', r.drugClass, r.purchasedAt.toISOString()],
  insertStaged: async (conn, runId, rows) => {
    await conn.insert(preventionPurchaseStaging).values(rows.map((r) => ({ runId, ...r })));
  },
  merge: async (tx, run) => {
    await upsertPersons(tx, 'prevention_purchase_staging', run.id, 'purchased_at', true);
    return countOf(
      await tx.execute(sql`
        with ins as (
          insert into prevention_drug_purchases (purchase_id, person_hash, drug_class, pharmacy, purchased_at, region_code, enterprise_id, run_id)
          select s.purchase_id, s.person_hash, s.drug_class, s.pharmacy, s.purchased_at, coalesce(s.region_code, ${run.regionCode}),
                 (select e.enterprise_id from prevention_employees e where e.id_card_hash = s.person_hash and e.status <> 'left' order by e.created_at limit 1),
                 s.run_id
          from prevention_purchase_staging s
          where s.run_id = ${run.id}
          on conflict (purchase_id) do nothing returning 1
        ) select count(*)::int as n from ins`),
    );
  },
};
