import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import { maskPhone, type FieldCrypto } from '../platform/crypto.js';
import { departments } from '../modules/org/tables.js';
import { enterprises } from '../modules/whitelist/tables.js';
import { demandEvents, demands, type DemandCategory, type DemandState, type Level, type Urgency } from '../modules/demands/tables.js';

const LANKAO = '410225';
const GULOU = '410204';
const H = 3600_000;

interface Plan {
  title: string;
  description: string;
  category: DemandCategory;
  urgency: Urgency;
  /** The steps after filing, in order. */
  steps: ('dispatch' | 'accept' | 'send_back' | 'progress' | 'answer' | 'revisit' | 'verify' | 'close' | 'escalate' | 'escalate_major')[];
  /** Hours ago it was filed; a late one shows on the overdue board. */
  age: number;
}

const PLANS: Plan[] = [
  { title: '急需协调热轧钢卷货源', description: '上游钢厂限产，现有库存仅够 3 天生产，请协调省内钢厂保供。', category: 'raw_materials', urgency: 'urgent', steps: [], age: 0.5 },
  { title: '返岗员工核酸检测点对点安排', description: '120 名返岗员工需集中核酸检测，请协调检测点上门服务。', category: 'prevention_supplies', urgency: 'public_health', steps: ['dispatch'], age: 2 },
  { title: '物流车辆通行证办理', description: '5 辆原料运输车需办理重点物资运输车辆通行证。', category: 'logistics', urgency: 'normal', steps: ['dispatch', 'accept'], age: 20 },
  { title: '招聘一线操作工 50 名', description: '新订单需增加一线操作工，请人社部门协助对接劳务输出地。', category: 'labour', urgency: 'normal', steps: ['dispatch', 'send_back'], age: 30 },
  { title: '产品滞销请求拓展销售渠道', description: '仓库积压成品 2000 吨，请协助对接商超和电商平台。', category: 'market', urgency: 'normal', steps: ['dispatch', 'accept', 'progress'], age: 50 },
  { title: '留工培训补贴政策咨询', description: '请明确留工培训补贴的申领条件与办理流程。', category: 'policy', urgency: 'normal', steps: ['dispatch', 'accept', 'progress', 'answer'], age: 80 },
  { title: '防疫物资采购渠道', description: '需采购 KN95 口罩 5 万只、抗原试剂 1 万份。', category: 'prevention_supplies', urgency: 'urgent', steps: ['dispatch', 'accept', 'answer', 'revisit'], age: 100 },
  { title: '天然气供应压力不足', description: '生产线天然气压力不足，影响窑炉运行。', category: 'raw_materials', urgency: 'normal', steps: ['dispatch', 'accept', 'answer', 'revisit', 'verify'], age: 150 },
  { title: '出口订单集装箱短缺', description: '出口订单急需 20 个集装箱，港口提箱困难。', category: 'logistics', urgency: 'normal', steps: ['dispatch', 'accept', 'progress', 'answer', 'revisit', 'verify', 'close'], age: 200 },
  { title: '跨市运输受阻需上级协调', description: '原料产地所在市封控，运输车辆无法进入，需市级协调。', category: 'logistics', urgency: 'urgent', steps: ['escalate'], age: 3 },
  { title: '关键零部件断供影响整条产业链', description: '进口芯片断供，影响省内三家整车厂配套，请省级协调。', category: 'raw_materials', urgency: 'urgent', steps: ['escalate_major'], age: 4 },
];

/** The state each step leads to (the seed follows the transition table of states.ts). */
const TO: Record<Plan['steps'][number], DemandState> = { dispatch: 'dispatched', accept: 'accepted', send_back: 'sent_back', progress: 'in_progress', answer: 'answered', revisit: 'revisited', verify: 'verified', close: 'closed', escalate: 'received', escalate_major: 'received' };

/**
 * Demo demands for 兰考 and 鼓楼: every state of the loop, one overdue, one escalated to 开封 and
 * one major matter at the provincial leadership. Stable idempotency keys make it idempotent.
 */
export async function seedDemands(db: Db, crypto: FieldCrypto, now = new Date()): Promise<number> {
  let created = 0;
  for (const region of [LANKAO, GULOU]) {
    const ents = await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(eq(enterprises.regionCode, region)).orderBy(asc(enterprises.uscc)).limit(PLANS.length);
    const dep = (await db.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.regionCode, region), inArray(departments.kind, ['industry_it'])))).at(0);
    if (ents.length === 0 || !dep) continue;
    for (const [i, p] of PLANS.entries()) {
      const ent = ents[i % ents.length]!;
      const filed = new Date(now.getTime() - p.age * H);
      let t = filed.getTime();
      const events: { action: string; fromState: DemandState | null; toState: DemandState; level: Level; note: string | null; actorName: string; at: Date }[] = [
        { action: 'file', fromState: null, toState: 'received', level: 'county', note: null, actorName: 'seed', at: filed },
      ];
      let state: DemandState = 'received';
      let level: Level = 'county';
      let holder = region;
      const row: Partial<typeof demands.$inferInsert> = {};
      for (const s of p.steps) {
        t += (p.age * H) / (p.steps.length + 1);
        const at = new Date(t);
        if (s === 'dispatch') Object.assign(row, { unitType: 'department', unitId: dep.id, unitLabel: dep.name, dispatchedAt: at, answerDeadline: new Date(at.getTime() + (p.urgency === 'normal' ? 72 : 24) * H) });
        if (s === 'send_back') Object.assign(row, { unitType: null, unitId: null, unitLabel: null, answerDeadline: null, dispatchDeadline: new Date(at.getTime() + 24 * H) });
        if (s === 'accept') row.acceptedAt = at;
        if (s === 'answer') Object.assign(row, { answer: '已协调相关单位落实，详见办理说明。', answeredAt: at });
        if (s === 'revisit') Object.assign(row, { rating: 4 + (i % 2), solved: true });
        if (s === 'close') row.closedAt = at;
        if (s === 'escalate' || s === 'escalate_major') {
          holder = s === 'escalate' ? '410200' : '410000';
          level = s === 'escalate' ? 'city' : 'leadership';
          Object.assign(row, { escalated: true, major: s === 'escalate_major', dispatchDeadline: new Date(at.getTime() + (p.urgency === 'normal' ? 24 : 1) * H) });
        }
        events.push({ action: s === 'escalate_major' ? 'escalate' : s, fromState: state, toState: TO[s], level, note: s === 'send_back' ? '不属于本单位职责，请重新交办' : s === 'escalate' || s === 'escalate_major' ? '本级无法协调，请上级支持' : s === 'progress' ? '已与相关企业对接' : null, actorName: 'seed', at });
        state = TO[s];
      }
      const inserted = await db
        .insert(demands)
        .values({
          enterpriseId: ent.id,
          enterpriseName: ent.name,
          regionCode: region,
          category: p.category,
          urgency: p.urgency,
          title: p.title,
          description: p.description,
          contactName: '企业联络人',
          contactPhoneEnc: crypto.encrypt(`1380000${String(1000 + i)}`),
          contactPhoneMasked: maskPhone(`1380000${String(1000 + i)}`),
          state,
          level,
          holderRegionCode: holder,
          dispatchDeadline: new Date(filed.getTime() + (p.urgency === 'normal' ? 24 : 1) * H),
          idempotencyKey: `seed-${region}-${i}`,
          createdAt: filed,
          updatedAt: new Date(t),
          ...row,
        })
        .onConflictDoNothing()
        .returning({ id: demands.id });
      if (!inserted[0]) continue;
      created++;
      await db.insert(demandEvents).values(events.map((e) => ({ ...e, demandId: inserted[0]!.id, enterpriseId: ent.id, regionCode: region })));
    }
  }
  return created;
}
