import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import type { Rule } from '../platform/rules/index.js';
import { regions } from '../modules/org/tables.js';
import { WhitelistService, type RegionLookup } from '../modules/whitelist/service.js';
import { publishBatch } from '../modules/whitelist/batches.js';
import { enterprises, sectorTotals, spotChecks, supplyLinks, whitelistCriteria, whitelistMemberships, type Sector } from '../modules/whitelist/tables.js';
import type { Random } from './random.js';

const KAIFENG = '410200';
const SYSTEM = { id: null, name: 'seed', ip: null };

const CRITERIA: Record<Sector, { title: string; autoAdmit: boolean; rule: Rule }> = {
  industry: { title: '开封市工业生产领域白名单遴选标准', autoAdmit: true, rule: { all: [{ field: 'canRunClosedLoop', op: 'is_true' }, { field: 'hasPreventionPlan', op: 'is_true' }, { field: 'dormitoryRatio', op: 'gte', value: 30 }, { field: 'outputValueWan', op: 'gte', value: 200 }] } },
  commerce: { title: '开封市商贸流通领域白名单遴选标准', autoAdmit: true, rule: { all: [{ field: 'hasPreventionPlan', op: 'is_true' }, { any: [{ field: 'cityOperationSupport', op: 'is_true' }, { field: 'employees', op: 'gte', value: 10 }] }] } },
  transport: { title: '开封市交通运输领域白名单遴选标准', autoAdmit: false, rule: { all: [{ field: 'hasPreventionPlan', op: 'is_true' }, { field: 'closedLoopRatio', op: 'gte', value: 20 }] } },
  culture_tourism: { title: '开封市文化旅游领域白名单遴选标准', autoAdmit: true, rule: { all: [{ field: 'hasPreventionPlan', op: 'is_true' }, { field: 'canRunClosedLoop', op: 'is_true' }] } },
  key_project: { title: '开封市重点项目白名单遴选标准', autoAdmit: false, rule: { all: [{ field: 'outputValueWan', op: 'gte', value: 5000 }, { field: 'canRunClosedLoop', op: 'is_true' }] } },
};

export async function regionLookup(db: Db): Promise<RegionLookup> {
  const rows = await db.select().from(regions);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const kids = new Map<string, string[]>();
  for (const r of rows) if (r.parentCode) kids.set(r.parentCode, [...(kids.get(r.parentCode) ?? []), r.code]);
  const subtree = (c: string): string[] => [c, ...(kids.get(c) ?? []).flatMap(subtree)];
  return {
    ancestors: (c) => {
      const out: string[] = [];
      for (let r = byCode.get(c); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) out.push(r.code);
      return out;
    },
    subtree,
    name: (c) => byCode.get(c)?.name ?? '',
    children: (c) => kids.get(c) ?? [],
  };
}

const day = (d: string) => new Date(`${d}T02:00:00Z`);

/**
 * Whitelist demo data for Kaifeng: criteria per sector, applications in every state through the
 * real workflow, two batches, a removal (熔断), a suspension, a re-admission, spot checks,
 * supply-chain links and sector totals with some regions below the 70% target.
 * The demo enterprise accounts' firms (first two of 兰考, first of 鼓楼) are left to the demo.
 */
export async function seedWhitelist(db: Db, rng: Random): Promise<void> {
  const done = await db.select({ id: whitelistCriteria.id }).from(whitelistCriteria).where(eq(whitelistCriteria.regionCode, KAIFENG)).limit(1);
  if (done.length) return;
  const lookup = await regionLookup(db);
  const svc = new WhitelistService(db, lookup);
  await db.insert(whitelistCriteria).values(Object.entries(CRITERIA).map(([sector, c]) => ({ regionCode: KAIFENG, sector: sector as Sector, title: c.title, rule: c.rule, autoAdmit: c.autoAdmit, updatedBy: 'seed' })));
  const area = lookup.subtree(KAIFENG);
  const all = await db.select().from(enterprises).where(inArray(enterprises.regionCode, area)).orderBy(asc(enterprises.regionCode), asc(enterprises.uscc));
  if (!all.length) return;
  const reserved = new Set<string>();
  for (const code of ['410225', '410204']) all.filter((e) => e.regionCode === code).slice(0, 2).forEach((e) => reserved.add(e.id));
  // The larger firms of each county and sector apply, so coverage is meaningful in every sector.
  const byGroup = new Map<string, typeof all>();
  for (const e of all) if (!reserved.has(e.id)) byGroup.set(`${e.regionCode}|${e.sector}`, [...(byGroup.get(`${e.regionCode}|${e.sector}`) ?? []), e]);
  const applicants: typeof all = [];
  for (const list of byGroup.values()) applicants.push(...[...list].sort((a, b) => b.outputValueFen - a.outputValueFen).slice(0, 4));
  applicants.sort((a, b) => (a.regionCode === b.regionCode ? a.uscc.localeCompare(b.uscc) : a.regionCode.localeCompare(b.regionCode)));
  await db.update(enterprises).set({ hasTaskForce: true, pairedMedicalInstitution: '开封市人民医院', preventionStaff: 2, competentDepartment: '行业主管部门' }).where(inArray(enterprises.id, applicants.map((e) => e.id)));
  // Links: each applicant names the next as its downstream partner.
  if (applicants.length > 1) await db.insert(supplyLinks).values(applicants.slice(0, Math.min(20, applicants.length - 1)).map((e, i) => ({ enterpriseId: e.id, regionCode: e.regionCode, sector: e.sector, direction: 'downstream' as const, partnerName: applicants[i + 1]!.name, partnerUscc: applicants[i + 1]!.uscc }))).onConflictDoNothing();

  const entScope = (e: (typeof all)[number]) => ({ kind: 'enterprise' as const, enterpriseId: e.id, regionCode: e.regionCode });
  const gov = { kind: 'government' as const, regionCode: KAIFENG, regionCodes: area, sector: null };
  const half = Math.ceil(applicants.length / 2);
  for (const [i, e] of applicants.entries()) {
    const at = day(i < half ? '2022-05-10' : '2022-06-01');
    const app = await svc.submit(entScope(e), SYSTEM, e.id, '自愿申报纳入"四保"白名单', 'zh-CN', at);
    if (app.status !== 'pending_review') continue;
    if (i % 3 === 0) await svc.decide(gov, SYSTEM, app.id, 'approve', '经核查符合条件', new Date(at.getTime() + 86_400_000));
    else if (i % 3 === 1) await svc.decide(gov, SYSTEM, app.id, 'reject', '闭环管理条件不足，请完善后重新申报', new Date(at.getTime() + 86_400_000));
  }
  for (const s of ['industry', 'commerce', 'culture_tourism'] as const) {
    await publishBatch(svc, gov, SYSTEM, { regionCode: KAIFENG, sector: s, title: `开封市"四保"白名单企业(项目)第一批名单（${s}）`, publishedOn: '2022-05-12' }).catch(() => undefined);
  }
  const listed = await db.select().from(enterprises).where(and(inArray(enterprises.regionCode, area), eq(enterprises.listingStatus, 'listed'))).orderBy(asc(enterprises.uscc));
  const [removed, suspended, readmitted] = listed;
  if (removed) await svc.adjust(gov, SYSTEM, removed.id, 'remove', { reason: '未落实核酸检测要求导致疫情输入', evidence: '流调报告（2022-06-20）：员工未按48小时要求检测，引发聚集性疫情', decision: '开封市指挥部会议纪要〔2022〕15号：移出白名单' }, day('2022-06-21'));
  if (suspended) await svc.adjust(gov, SYSTEM, suspended.id, 'suspend', { reason: '出现阳性病例，申请停产，待省级会商' }, day('2022-06-25'));
  if (readmitted) {
    await svc.adjust(gov, SYSTEM, readmitted.id, 'remove', { reason: '抽查发现闭环管理落实不到位', evidence: '抽查记录', decision: '限期整改' }, day('2022-06-05'));
    await svc.adjust(gov, SYSTEM, readmitted.id, 'readmit', { reason: '整改到位，复查合格' }, day('2022-06-15'));
  }
  await db.insert(spotChecks).values(listed.slice(0, 6).map((e, i) => ({ enterpriseId: e.id, regionCode: e.regionCode, sector: e.sector, checkedOn: '2022-06-0' + String(i + 2), checker: '开封市防疫保障工作专班', findings: i % 3 === 0 ? '闭环管理台账不全，已要求整改' : '核酸检测、场所码、闭环管理落实到位', passed: i % 3 !== 0, recordedBy: 'seed' })));
  for (const s of ['key_project', 'transport'] as const) {
    await publishBatch(svc, gov, SYSTEM, { regionCode: KAIFENG, sector: s, title: `开封市"四保"白名单企业(项目)第一批名单（${s}）`, publishedOn: '2022-06-03' }).catch(() => undefined);
  }
  // Sector totals: the department's statistics. Chosen so some regions fall below 70 %.
  const sums = await db
    .select({ regionCode: whitelistMemberships.regionCode, sector: whitelistMemberships.sector, fen: sql<string>`sum(${enterprises.outputValueFen})` })
    .from(whitelistMemberships)
    .innerJoin(enterprises, eq(enterprises.id, whitelistMemberships.enterpriseId))
    .groupBy(whitelistMemberships.regionCode, whitelistMemberships.sector);
  const listedFen = new Map(sums.map((x) => [`${x.regionCode}|${x.sector}`, Number(x.fen)]));
  const totals: (typeof sectorTotals.$inferInsert)[] = [];
  for (const code of lookup.children(KAIFENG)) {
    for (const s of Object.keys(CRITERIA) as Sector[]) {
      const l = listedFen.get(`${code}|${s}`) ?? 0;
      const share = 0.5 + rng.next() * 0.45;
      const base = l > 0 ? Math.round(l / share) : 1e10 * (1 + rng.int(1, 9));
      totals.push({ regionCode: code, sector: s, effectiveFrom: '2022-01-01', totalOutputFen: Math.round(base * 0.9), enteredBy: 'seed' });
      totals.push({ regionCode: code, sector: s, effectiveFrom: '2022-06-01', totalOutputFen: base, enteredBy: 'seed' });
    }
  }
  if (totals.length) await db.insert(sectorTotals).values(totals).onConflictDoNothing();
}
