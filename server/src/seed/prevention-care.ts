import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import type { FieldCrypto } from '../platform/crypto.js';
import { users } from '../platform/auth/tables.js';
import { preventionCaseEvents, preventionObservationPoints, preventionSupplies, preventionSuspectedCases } from '../modules/prevention/care.tables.js';
import type { CaseAction, CaseState } from '../modules/prevention/case-states.js';
import { maskName } from '../modules/prevention/cases.js';
import { DEFAULT_RULES } from '../modules/prevention/rules.js';
import { preventionEmployees } from '../modules/prevention/tables.js';

const SUPPLIES: { item: string; unit: string; quantity: number; safetyStock: number }[] = [
  { item: '医用外科口罩', unit: '个', quantity: 4200, safetyStock: 3000 },
  { item: 'N95 口罩', unit: '个', quantity: 180, safetyStock: 300 },
  { item: '抗原检测试剂', unit: '盒', quantity: 95, safetyStock: 60 },
  { item: '含氯消毒液', unit: '升', quantity: 40, safetyStock: 50 },
  { item: '医用防护服', unit: '套', quantity: 60, safetyStock: 30 },
];

/**
 * Supplies, observation points and suspected cases for the demo enterprise of ent_lankao and two more Lankao
 * enterprises with a roster (never ent_lankao2's: its emptiness is what other tests and the demo compare against).
 * Cases only where none exist yet, so seeding twice adds nothing.
 */
export async function seedPreventionCare(db: Db, crypto: FieldCrypto, now = new Date()): Promise<void> {
  const accounts = await db.select({ username: users.username, enterpriseId: users.enterpriseId }).from(users).where(inArray(users.username, ['ent_lankao', 'ent_lankao2']));
  const mine = accounts.find((a) => a.username === 'ent_lankao')?.enterpriseId;
  const skip = accounts.find((a) => a.username === 'ent_lankao2')?.enterpriseId;
  if (!mine) return;
  const rostered = await db.selectDistinct({ id: preventionEmployees.enterpriseId, regionCode: preventionEmployees.regionCode }).from(preventionEmployees).where(eq(preventionEmployees.regionCode, '410225')).orderBy(asc(preventionEmployees.enterpriseId));
  const ents = [...rostered.filter((e) => e.id === mine), ...rostered.filter((e) => e.id !== mine && e.id !== skip).slice(0, 2)];
  const hour = 3600_000;
  for (const [i, ent] of ents.entries()) {
    await db.insert(preventionSupplies).values(SUPPLIES.map((s, k) => ({ ...s, quantity: Math.round(s.quantity * (1 + ((i + k) % 3) * 0.4)), enterpriseId: ent.id, regionCode: ent.regionCode, updatedBy: 'seed', updatedAt: new Date(now.getTime() - (k + 1) * 5 * hour) }))).onConflictDoNothing();
    await db.insert(preventionObservationPoints).values([
      { enterpriseId: ent.id, regionCode: ent.regionCode, name: '观察宿舍（1号楼）', rooms: 6 + i * 2, note: '独立卫生间，单人单间', updatedBy: 'seed' },
      { enterpriseId: ent.id, regionCode: ent.regionCode, name: '厂区临时留观点', rooms: 2, note: null, updatedBy: 'seed' },
    ]).onConflictDoNothing();
  }
  const ent = ents[0]!;
  if ((await db.select({ id: preventionSuspectedCases.id }).from(preventionSuspectedCases).where(eq(preventionSuspectedCases.enterpriseId, ent.id)).limit(1)).length) return;
  const point = (await db.select().from(preventionObservationPoints).where(and(eq(preventionObservationPoints.enterpriseId, ent.id), eq(preventionObservationPoints.name, '观察宿舍（1号楼）'))))[0]!;
  const people = await db.select().from(preventionEmployees).where(and(eq(preventionEmployees.enterpriseId, ent.id), eq(preventionEmployees.status, 'active'), isNotNull(preventionEmployees.lastNegativeAt))).orderBy(asc(preventionEmployees.idCardHash)).limit(3);
  const plans: { reason: string; steps: { action: CaseAction; to: CaseState; hoursAgo: number; note?: string }[]; flaggedHoursAgo: number }[] = [
    { reason: '晨检体温 37.9℃，伴咽痛', flaggedHoursAgo: 3, steps: [{ action: 'observe', to: 'under_observation', hoursAgo: 2, note: '转入观察宿舍，已报告属地疾控' }] },
    { reason: '混检初筛阳性（10 合 1）', flaggedHoursAgo: 60, steps: [{ action: 'observe', to: 'under_observation', hoursAgo: 59 }, { action: 'retest_negative', to: 'quiet_period', hoursAgo: 55, note: '单采复核阴性' }, { action: 'daily_negative', to: 'quiet_period', hoursAgo: 30 }, { action: 'daily_negative', to: 'quiet_period', hoursAgo: 6 }] },
    { reason: '发热 38.2℃', flaggedHoursAgo: 130, steps: [{ action: 'observe', to: 'under_observation', hoursAgo: 129 }, { action: 'retest_negative', to: 'quiet_period', hoursAgo: 125 }, { action: 'daily_negative', to: 'quiet_period', hoursAgo: 100 }, { action: 'daily_negative', to: 'quiet_period', hoursAgo: 76 }, { action: 'daily_negative', to: 'quiet_period', hoursAgo: 52 }, { action: 'return_to_post', to: 'returned', hoursAgo: 50, note: '静默期结束，返岗' }] },
  ];
  for (const [k, plan] of plans.entries()) {
    const e = people[k];
    if (!e) break;
    const at = (h: number) => new Date(now.getTime() - h * hour);
    const observe = plan.steps.find((s) => s.action === 'observe')!;
    const retest = plan.steps.find((s) => s.action === 'retest_negative');
    const last = plan.steps[plan.steps.length - 1]!;
    const [row] = await db.insert(preventionSuspectedCases).values({
      enterpriseId: ent.id, regionCode: ent.regionCode, employeeId: e.id, nameMasked: maskName(e.name), idCardMasked: e.idCardMasked, reasonEnc: crypto.encrypt(plan.reason),
      state: last.to, observationPointId: point.id, observedAt: at(observe.hoursAgo), retestDueAt: at(observe.hoursAgo - DEFAULT_RULES.retestHours),
      quietStartedAt: retest ? at(retest.hoursAgo) : null, quietTests: plan.steps.filter((s) => s.action === 'daily_negative').length,
      lastTestAt: plan.steps.length > 1 ? at(plan.steps.filter((s) => s.action !== 'observe' && s.action !== 'return_to_post').pop()!.hoursAgo) : null,
      flaggedAt: at(plan.flaggedHoursAgo), flaggedBy: 'kf_prevention', closedAt: last.to === 'returned' ? at(last.hoursAgo) : null, updatedAt: at(last.hoursAgo),
    }).returning();
    await db.insert(preventionCaseEvents).values([
      { caseId: row!.id, action: 'flag' as const, fromState: null, toState: 'flagged' as const, noteEnc: crypto.encrypt(plan.reason), actorName: 'kf_prevention', at: at(plan.flaggedHoursAgo) },
      ...plan.steps.map((s, j) => ({ caseId: row!.id, action: s.action, fromState: j === 0 ? ('flagged' as const) : plan.steps[j - 1]!.to, toState: s.to, noteEnc: s.note ? crypto.encrypt(s.note) : null, actorName: 'kf_prevention', at: at(s.hoursAgo) })),
    ]);
    if (last.to !== 'returned') await db.update(preventionEmployees).set({ status: 'isolated' }).where(eq(preventionEmployees.id, e.id));
  }
}
