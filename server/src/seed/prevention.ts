import { asc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import { maskIdCard, maskPhone, type FieldCrypto } from '../platform/crypto.js';
import { enterprises } from '../modules/whitelist/tables.js';
import { preventionAlerts, preventionEmployees, preventionIngestRejects, preventionIngestRuns, preventionTestResults, preventionUnits, type EmployeeStatus, type PostKind, type UnitKind } from '../modules/prevention/tables.js';
import { DEFAULT_RULES } from '../modules/prevention/rules.js';
import { generateIdCard } from './idcard.js';
import { mobilePhone, personName } from './names.js';
import { createRandom } from './random.js';
import { seedPreventionReports } from './prevention-reports.js';
import { seedPreventionCare } from './prevention-care.js';
import { seedPreventionTracing } from './prevention-tracing.js';

const UNITS: { name: string; kind: UnitKind }[] = [
  { name: '一车间', kind: 'workshop' },
  { name: '二车间', kind: 'workshop' },
  { name: '仓储物流', kind: 'logistics' },
  { name: '办公区', kind: 'office' },
];
const POSTS: { post: string; kind: PostKind; unit: number }[] = [
  { post: '操作工', kind: 'regular', unit: 0 },
  { post: '装配工', kind: 'regular', unit: 1 },
  { post: '质检员', kind: 'regular', unit: 1 },
  { post: '货车司机', kind: 'mobile_contact', unit: 2 },
  { post: '仓管员', kind: 'mobile_contact', unit: 2 },
  { post: '销售', kind: 'mobile_contact', unit: 3 },
  { post: '行政', kind: 'regular', unit: 3 },
  { post: '保供配送员', kind: 'city_supply', unit: 2 },
];

/**
 * Rosters and test results for the first enterprises of 兰考县 and 鼓楼区 (the demo enterprise
 * accounts' among them). Test times are relative to `now` so every compliance state shows:
 * compliant, due soon, overdue, never tested; and every employee status.
 */
export async function seedPrevention(db: Db, crypto: FieldCrypto, now = new Date()): Promise<void> {
  const rng = createRandom(20220601);
  const ents = await db.select({ id: enterprises.id, regionCode: enterprises.regionCode }).from(enterprises).where(inArray(enterprises.regionCode, ['410225', '410204'])).orderBy(asc(enterprises.uscc));
  const chosen = [...ents.filter((e) => e.regionCode === '410225').slice(0, 4), ...ents.filter((e) => e.regionCode === '410204').slice(0, 2)];
  const hour = 3600_000;
  for (const [ei, ent] of chosen.entries()) {
    await db.insert(preventionUnits).values(UNITS.map((u) => ({ ...u, enterpriseId: ent.id, regionCode: ent.regionCode }))).onConflictDoNothing();
    const units = await db.select().from(preventionUnits).where(sql`${preventionUnits.enterpriseId} = ${ent.id}`).orderBy(asc(preventionUnits.name));
    const unitId = (name: string) => units.find((u) => u.name === name)?.id ?? null;
    const people: (typeof preventionEmployees.$inferInsert)[] = [];
    const results: (typeof preventionTestResults.$inferInsert)[] = [];
    const n = 24 + ei * 4;
    for (let i = 0; i < n; i++) {
      const p = POSTS[i % POSTS.length]!;
      const id = generateIdCard(rng, ent.regionCode, [1965, 2002]);
      const phone = mobilePhone(rng);
      const hash = crypto.lookupHash(id);
      const status: EmployeeStatus = i === n - 1 ? 'left' : i === n - 2 ? 'on_leave' : i === n - 3 && ei === 0 ? 'isolated' : 'active';
      // The spread of "hours since the last negative test" covers each state for both intervals.
      const ageHours = [2, 10, 20, 30, 40, 47, 60, 100][(i + Math.floor(i / 8) * 3) % 8]! + rng.int(0, 1);
      const tested = i % 11 !== 10;
      const last = tested ? new Date(now.getTime() - ageHours * hour) : null;
      people.push({
        enterpriseId: ent.id, regionCode: ent.regionCode, name: personName(rng),
        idCardEnc: crypto.encrypt(id), idCardHash: hash, idCardMasked: maskIdCard(id),
        phoneEnc: crypto.encrypt(phone), phoneMasked: maskPhone(phone),
        post: p.post, postKind: p.kind, unitId: i % 9 === 8 ? null : unitId(UNITS[p.unit]!.name),
        dormitory: i % 3 === 0 ? `${(i % 4) + 1}号宿舍` : null, status, lastNegativeAt: last,
      });
      if (last) {
        // Earlier tests too, so the trend chart has history.
        for (let k = 0; k < 7; k++) {
          const at = new Date(last.getTime() - k * DEFAULT_RULES.testIntervalHours * hour * (0.8 + rng.next() * 0.6));
          results.push({ sampleId: `SEED-${ent.id.slice(0, 8)}-${i}-${k}`, idCardHash: hash, sampledAt: at, result: 'negative', institution: rng.pick(['兰考县人民医院', '开封市疾控中心', '金域医学检验所']) });
        }
      }
    }
    await db.insert(preventionEmployees).values(people).onConflictDoNothing();
    for (let i = 0; i < results.length; i += 1000) await db.insert(preventionTestResults).values(results.slice(i, i + 1000)).onConflictDoNothing();
  }
  // Every alert state and both finished run states, so each page has something to show.
  const day = new Date(now.getTime() + 8 * hour - 24 * hour).toISOString().slice(0, 10);
  const states = ['open', 'acknowledged', 'resolved'] as const;
  await db.insert(preventionAlerts).values(chosen.slice(0, 3).map((ent, i) => ({
    kind: 'overdue_test' as const, dedupeKey: `overdue_test:${ent.id}:${day}`, enterpriseId: ent.id, regionCode: ent.regionCode,
    detail: { overdue: 5 + i, total: 24 + i * 4, day }, status: states[i]!, raisedAt: new Date(now.getTime() - 20 * hour),
    acknowledgedAt: i > 0 ? new Date(now.getTime() - 19 * hour) : null, acknowledgedBy: i > 0 ? '企业防疫联络人' : null,
    resolvedAt: i === 2 ? new Date(now.getTime() - 12 * hour) : null, resolvedBy: i === 2 ? '开封防疫专班' : null, note: i === 2 ? '已组织超期人员补检' : null,
  }))).onConflictDoNothing();
  const runs = await db.insert(preventionIngestRuns).values([
    { source: 'upload', format: 'csv', fileName: '兰考县人民医院-核酸结果.csv', sha256: 'seed-run-completed', bytes: 18_432, status: 'completed', rows: 214, merged: 210, duplicates: 2, rejected: 2, regionCode: '410200', createdBy: '开封防疫专班', startedAt: new Date(now.getTime() - 30 * hour), finishedAt: new Date(now.getTime() - 30 * hour + 4000) },
    { source: 'api', format: 'jsonl', fileName: null, sha256: 'seed-run-failed', bytes: 2_048, status: 'failed', error: 'connection reset by peer', regionCode: '410200', createdBy: 'api-key:sbk_seed', startedAt: new Date(now.getTime() - 26 * hour) },
  ] as (typeof preventionIngestRuns.$inferInsert)[]).onConflictDoNothing().returning();
  const done = runs.find((r) => r.status === 'completed');
  if (done) await db.insert(preventionIngestRejects).values([{ runId: done.id, lineNo: 57, reason: '身份证号码无效 invalid id_card', regionCode: '410200' }, { runId: done.id, lineNo: 133, reason: '检测结果无效（阴性/阳性） invalid result', regionCode: '410200' }]).onConflictDoNothing();
  await seedPreventionReports(db, crypto, rng, chosen, now);
  await seedPreventionCare(db, crypto, now);
  await seedPreventionTracing(db, crypto, chosen.map((e) => e.id), now);
}
