import { asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import { maskIdCard, maskPhone, type FieldCrypto } from '../platform/crypto.js';
import { decideArrival, type RiskAreaLike } from '../modules/prevention/arrival-rules.js';
import { shanghaiDay } from '../modules/prevention/daily-reports.js';
import { preventionArrivals, preventionDailyReportPersons, preventionDailyReports, preventionRiskAreas } from '../modules/prevention/reports.tables.js';
import { DEFAULT_RULES } from '../modules/prevention/rules.js';
import { preventionAlerts, preventionEmployees, preventionTestResults } from '../modules/prevention/tables.js';
import { generateIdCard } from './idcard.js';
import { mobilePhone, personName } from './names.js';
import type { Random } from './random.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Health and arrival reports for the seeded prevention enterprises, relative to `now`: yesterday
 * nearly everyone reported, today some have (a zero report, a report with an abnormal person) and
 * some not; the risk-area list; arrivals in every status, one of them found late with its alert.
 */
export async function seedPreventionReports(db: Db, crypto: FieldCrypto, rng: Random, chosen: { id: string; regionCode: string }[], now: Date): Promise<void> {
  const today = shanghaiDay(now);
  const yesterday = shanghaiDay(new Date(now.getTime() - DAY));
  const areas = await db.insert(preventionRiskAreas).values([
    { code: '310000', name: '上海市', level: 'high', fromDay: shanghaiDay(new Date(now.getTime() - 10 * DAY)), toDay: null, createdBy: '开封防疫专班' },
    { code: '440100', name: '广东省广州市', level: 'static', fromDay: shanghaiDay(new Date(now.getTime() - 3 * DAY)), toDay: null, createdBy: '开封防疫专班' },
    { code: '110105', name: '北京市朝阳区', level: 'medium', fromDay: shanghaiDay(new Date(now.getTime() - 20 * DAY)), toDay: shanghaiDay(new Date(now.getTime() - 6 * DAY)), createdBy: '开封防疫专班' },
  ]).returning();
  const areaList: RiskAreaLike[] = areas.map((a) => ({ id: a.id, code: a.code, level: a.level, fromDay: a.fromDay, toDay: a.toDay }));

  for (const [i, ent] of chosen.entries()) {
    const staff = await db.select().from(preventionEmployees).where(eq(preventionEmployees.enterpriseId, ent.id)).orderBy(asc(preventionEmployees.name));
    const onSite = staff.filter((s) => s.status === 'active').length;
    const days: { day: string; kind: 'zero' | 'report' }[] = [];
    if (i !== 3) days.push({ day: yesterday, kind: i === 2 ? 'report' : 'zero' });
    // Today: the first enterprise (the demo account's) has not filed yet, so its form shows.
    if (i === 1 || i === 4) days.push({ day: today, kind: 'zero' });
    if (i === 2) days.push({ day: today, kind: 'report' });
    for (const d of days) {
      const zero = d.kind === 'zero';
      const [r] = await db.insert(preventionDailyReports).values({
        enterpriseId: ent.id, regionCode: ent.regionCode, day: d.day, zero, onSite, symptomatic: zero ? 0 : 1, isolated: 0, observation: zero ? 0 : 1,
        noteEnc: zero ? null : crypto.encrypt('一名员工晨检体温 37.6℃，已安排单位观察室观察并复测。'), filedBy: '企业防疫联络人',
        filedAt: new Date(`${d.day}T09:${String(10 + i * 7).padStart(2, '0')}:00+08:00`),
      }).onConflictDoNothing().returning();
      const who = staff.find((s) => s.status === 'active');
      if (r && !zero && who) {
        await db.insert(preventionDailyReportPersons).values({ reportId: r.id, enterpriseId: ent.id, regionCode: ent.regionCode, employeeId: who.id, measure: 'observation', healthEnc: crypto.encrypt(JSON.stringify({ symptoms: ['fever'], detail: '晨检 37.6℃，无咳嗽' })) });
      }
    }
  }
  const missing = chosen[3];
  if (missing) {
    await db.insert(preventionAlerts).values({ kind: 'missing_daily_report', dedupeKey: `missing_daily_report:${missing.id}:${yesterday}`, enterpriseId: missing.id, regionCode: missing.regionCode, detail: { day: yesterday, deadlineHour: DEFAULT_RULES.dailyReportDeadlineHour }, raisedAt: new Date(`${yesterday}T18:05:00+08:00`) }).onConflictDoNothing();
  }

  // Arrivals for the two first enterprises: quarantine, awaiting test, tested, overdue, and a late one found by staff.
  const trips = [
    { origin: '310115', originName: '上海市浦东新区', route: '上海虹桥—郑州东（高铁）—兰考南', purpose: '设备调试', at: now.getTime() + 6 * HOUR, kind: 'visitor' as const, found: false, tested: false },
    { origin: '330106', originName: '浙江省杭州市西湖区', route: '杭州—郑州（航班）—自驾至兰考', purpose: '商务洽谈', at: now.getTime() + 3 * HOUR, kind: 'visitor' as const, found: false, tested: false },
    { origin: '320102', originName: '江苏省南京市玄武区', route: '南京南—兰考南（高铁）', purpose: '返岗', at: now.getTime() - 20 * HOUR, kind: 'returning_employee' as const, found: false, tested: true },
    { origin: '370102', originName: '山东省济南市历下区', route: '济南—菏泽—兰考（自驾）', purpose: '原料采购对接', at: now.getTime() - 40 * HOUR, kind: 'visitor' as const, found: false, tested: false },
    { origin: '440106', originName: '广东省广州市天河区', route: '广州南—郑州东（高铁）', purpose: '探亲后返岗', at: now.getTime() - 30 * HOUR, kind: 'returning_employee' as const, found: true, tested: false },
  ];
  for (const [ei, ent] of chosen.slice(0, 2).entries()) {
    for (const [ti, trip] of trips.entries()) {
      if (ei === 1 && ti > 2) continue;
      const id = generateIdCard(rng, trip.origin, [1970, 2000]);
      const phone = mobilePhone(rng);
      const arrivalAt = new Date(trip.at - ei * 2 * HOUR);
      const arrivalDay = shanghaiDay(arrivalAt);
      const reportedAt = trip.found ? new Date(now.getTime() - 4 * HOUR) : new Date(Math.min(arrivalAt.getTime(), now.getTime()) - 26 * HOUR);
      const hash = crypto.lookupHash(id);
      const [row] = await db.insert(preventionArrivals).values({
        enterpriseId: ent.id, regionCode: ent.regionCode, name: personName(rng), idCardEnc: crypto.encrypt(id), idCardHash: hash, idCardMasked: maskIdCard(id),
        phoneEnc: crypto.encrypt(phone), phoneMasked: maskPhone(phone), personKind: trip.kind, originCode: trip.origin, originName: trip.originName, route: trip.route, purpose: trip.purpose,
        arrivalAt, arrivalDay, source: trip.found ? 'found' : 'host', late: trip.found, ...decideArrival(DEFAULT_RULES, areaList, trip.origin, arrivalAt, arrivalDay),
        reportedBy: trip.found ? '开封防疫专班' : '企业防疫联络人', reportedAt, decidedAt: reportedAt,
      }).onConflictDoNothing().returning();
      if (trip.tested) await db.insert(preventionTestResults).values({ sampleId: `SEED-ARR-${ei}-${ti}`, idCardHash: hash, sampledAt: new Date(arrivalAt.getTime() + 5 * HOUR), result: 'negative', institution: '兰考县人民医院' }).onConflictDoNothing();
      if (row?.late) {
        await db.insert(preventionAlerts).values({ kind: 'arrival_not_reported', dedupeKey: `arrival_not_reported:${row.id}`, enterpriseId: ent.id, regionCode: ent.regionCode, detail: { day: arrivalDay, arrivalId: row.id, name: row.name, originName: row.originName, source: row.source }, raisedAt: reportedAt }).onConflictDoNothing();
      }
    }
  }
}
