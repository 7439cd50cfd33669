import { z } from 'zod';
import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { containsPattern, ErrorBody, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import { scopeCoversRegion } from '../../platform/scope.js';
import { pairedOf, partiesOf, seesRegion, viewerOf, visible, type Viewer } from './access.js';
import { INTAKE_STATES, WORK_STATES, type DemandService } from './service.js';
import { DEMAND_CATEGORIES, DEMAND_STATES, demands, URGENCIES } from './tables.js';
import { DemandSchema, demandView, EventSchema, RegionCode } from './views.js';
import { CappedTotal } from '../../platform/db/totals.js';
import { buildCondition, PageReader } from '../../platform/db/page-reader.js';
import { CATEGORY_ZH, STATE_ZH, URGENCY_ZH } from './labels.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const Id = z.object({ id: Uuid });
const Text = (max: number) => z.string().trim().min(1).max(max);

export const Filters = z.object({
  view: z.enum(['all', 'mine', 'intake', 'queue', 'escalated', 'overdue']).default('all'),
  q: z.string().trim().max(64).optional(),
  state: z.enum(DEMAND_STATES).optional(),
  category: z.enum(DEMAND_CATEGORIES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  regionCode: RegionCode.optional(),
  sort: z.enum(['created', 'deadline']).default('created'),
});
type FilterValues = z.infer<typeof Filters>;

const FileBody = z.object({
  category: z.enum(DEMAND_CATEGORIES),
  urgency: z.enum(URGENCIES),
  title: Text(100),
  description: Text(4000),
  contactName: Text(50),
  contactPhone: z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'a mobile or landline number'),
  idempotencyKey: z.string().trim().min(8).max(64).optional(),
  confirmNotDuplicate: z.boolean().optional(),
});

const ACTION_BODIES = {
  dispatch: z.object({ unitType: z.enum(['department', 'task_force', 'command']), unitId: Uuid, complex: z.boolean().optional(), deadline: z.iso.datetime({ offset: true }).optional(), note: z.string().trim().max(2000).nullish() }),
  accept: z.object({ note: z.string().trim().max(2000).nullish() }),
  'send-back': z.object({ note: Text(2000) }),
  progress: z.object({ note: Text(4000) }),
  answer: z.object({ note: Text(4000) }),
  revisit: z.object({ rating: z.number().int().min(1).max(5), solved: z.boolean(), note: z.string().trim().max(2000).nullish() }),
  verify: z.object({ note: z.string().trim().max(2000).nullish() }),
  close: z.object({ note: z.string().trim().max(2000).nullish() }),
  escalate: z.object({ note: Text(2000), major: z.boolean().optional() }),
  'hand-down': z.object({ note: Text(2000) }),
} as const;
const ACTION_PERMISSION: Record<keyof typeof ACTION_BODIES, string> = {
  dispatch: 'demands.dispatch',
  accept: 'demands.handle',
  'send-back': 'demands.handle',
  // A unit or a liaison cadre: the state machine checks which party the caller is.
  progress: 'demands.read',
  answer: 'demands.read',
  revisit: 'demands.file',
  verify: 'demands.dispatch',
  close: 'demands.dispatch',
  escalate: 'demands.read',
  'hand-down': 'demands.dispatch',
};
const ACTION_SUMMARY: Record<keyof typeof ACTION_BODIES, string> = {
  dispatch: '交办 Dispatch to a responsible unit with a deadline',
  accept: '签收 Accept (the unit)',
  'send-back': '退回 Send back to the command (reason required)',
  progress: '办理进展 Progress note',
  answer: '答复 Answer',
  revisit: '回访评价 Revisit: rating 1–5 and solved or not (unsolved reopens it)',
  verify: '核实 Verify (the command office)',
  close: '销号 Close',
  escalate: '上报 Escalate to the next level (major: to the provincial leadership)',
  'hand-down': '交回下级 Hand back down',
};

/**
 * The state lists as literals, not parameters: the queue and intake are read off partial indexes
 * whose predicate names these states, which a prepared statement's generic plan can use only when
 * it sees the values (they are code constants, never input).
 */
function stateIn(states: readonly (typeof DEMAND_STATES)[number][]): SQL {
  return sql`${demands.state} in (${sql.raw(states.map((x) => `'${x}'`).join(', '))})`;
}

export function demandRoutes(svc: DemandService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const { regions, crypto } = svc.deps;

    function where(v: Viewer, f: FilterValues, now: Date): SQL {
      if (f.regionCode && !scopeCoversRegion(v.scope, f.regionCode)) throw errors.notFound('region');
      const intake = stateIn(INTAKE_STATES);
      const work = stateIn(WORK_STATES);
      const conds: (SQL | undefined)[] = [
        f.state ? eq(demands.state, f.state) : undefined,
        f.category ? eq(demands.category, f.category) : undefined,
        f.urgency ? eq(demands.urgency, f.urgency) : undefined,
        f.regionCode ? inArray(demands.regionCode, regions.subtree(f.regionCode)) : undefined,
        f.q ? or(ilike(demands.title, containsPattern(f.q)), ilike(demands.enterpriseName, containsPattern(f.q)), /^\d{1,9}$/.test(f.q) ? eq(demands.no, Number(f.q)) : undefined) : undefined,
      ];
      switch (f.view) {
        case 'all':
          break;
        case 'mine':
          if (v.scope.kind === 'government' && !seesRegion(v)) break;
          if (v.scope.kind === 'government') conds.push(eq(demands.holderRegionCode, v.regionCode));
          break;
        case 'intake':
          conds.push(eq(demands.holderRegionCode, v.regionCode), intake);
          break;
        case 'queue': {
          const units = [v.departmentId, v.taskForceId].filter((x): x is string => x !== null);
          const cmd = v.perms.has('demands.dispatch') ? and(eq(demands.unitType, 'command'), eq(demands.unitRegionCode, v.regionCode)) : undefined;
          conds.push(or(units.length ? inArray(demands.unitId, units) : undefined, cmd) ?? sql`false`, work);
          break;
        }
        case 'escalated':
          conds.push(eq(demands.escalated, true));
          break;
        case 'overdue':
          conds.push(or(and(intake, lt(demands.dispatchDeadline, now)), and(work, lt(demands.answerDeadline, now)))!);
          break;
        default: {
          const never: never = f.view;
          throw new Error(String(never));
        }
      }
      return visible(v, and(...conds));
    }
    const byDeadline = new PageReader(demands, sql.join(order({ sort: 'deadline' }), sql`, `));
    const byCreated = new PageReader(demands, sql.join(order({ sort: 'created' }), sql`, `));
    function order(f: Pick<FilterValues, 'sort'>) {
      return f.sort === 'deadline' ? [asc(sql`coalesce(${demands.answerDeadline}, ${demands.dispatchDeadline})`), desc(demands.no)] : [desc(demands.createdAt)];
    }
    r.get('/api/demands', { config: { permission: 'demands.read' }, schema: { tags: ['demands'], summary: '诉求列表 Demands (views: all, mine, intake, queue, escalated, overdue)', querystring: Filters.extend(Paging), response: { 200: z.object({ items: z.array(DemandSchema), ...CappedTotal }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const v = viewerOf(session, scope);
      const { page, pageSize, ...f } = req.query;
      const now = new Date();
      const w = buildCondition(where(v, f, now));
      const [rows, total, paired] = await Promise.all([
        (f.sort === 'deadline' ? byDeadline : byCreated).page(svc.db, w, pageSize, (page - 1) * pageSize),
        svc.totals.total(demands, w),
        pairedOf(svc.db, v),
      ]);
      return { items: rows.map((d) => demandView(regions, crypto, d, partiesOf(v, d, paired), now)), ...total };
    });

    r.get('/api/demands/export', { config: { permission: 'demands.read' }, schema: { tags: ['demands'], summary: '导出诉求 Export demands (xlsx)', querystring: Filters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope } = caller(req);
      const v = viewerOf(session, scope);
      const rows = await svc.db.select().from(demands).where(where(v, req.query, new Date())).orderBy(...order(req.query)).limit(50_000);
      const en = req.lang === 'en-US';
      return sendXlsx(reply, en ? 'demands' : '企业诉求', en ? 'Demands' : '诉求', [
        { header: en ? 'No.' : '编号', value: (d) => d.no },
        { header: en ? 'Enterprise' : '企业', width: 30, value: (d) => d.enterpriseName },
        { header: en ? 'Region' : '地区', value: (d) => regions.name(d.regionCode) },
        { header: en ? 'Category' : '类别', value: (d) => (en ? d.category : CATEGORY_ZH[d.category]) },
        { header: en ? 'Urgency' : '紧急程度', value: (d) => (en ? d.urgency : URGENCY_ZH[d.urgency]) },
        { header: en ? 'Title' : '诉求标题', width: 36, value: (d) => d.title },
        { header: en ? 'State' : '状态', value: (d) => (en ? d.state : STATE_ZH[d.state]) },
        { header: en ? 'Responsible unit' : '责任单位', width: 28, value: (d) => d.unitLabel ?? '' },
        { header: en ? 'Filed' : '提交时间', value: (d) => shanghaiTime(d.createdAt) },
        { header: en ? 'Answer deadline' : '办理时限', value: (d) => shanghaiTime(d.answerDeadline) },
        { header: en ? 'Escalated' : '已上报', value: (d) => (d.escalated ? (en ? 'yes' : '是') : '') },
        { header: en ? 'Rating' : '评价', value: (d) => d.rating ?? '' },
      ], rows);
    });

    r.post('/api/demands/similar', { config: { permission: 'demands.file' }, schema: { tags: ['demands'], summary: '相似诉求 Earlier similar demands of the enterprise (duplicate check)', body: FileBody.pick({ category: true, title: true, description: true }), response: { 200: z.array(z.object({ id: z.string(), no: z.number(), title: z.string(), state: z.string(), createdAt: z.string(), similarity: z.number() })), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      if (scope.kind !== 'enterprise') throw errors.forbidden();
      const list = await svc.similarOf(svc.db, scope, scope.enterpriseId, req.body);
      return list.map((x) => ({ id: x.id, no: x.no, title: x.title, state: x.state, createdAt: x.createdAt.toISOString(), similarity: Math.round(x.similarity * 100) / 100 }));
    });

    r.post('/api/demands', { config: { permission: 'demands.file' }, schema: { tags: ['demands'], summary: '提交诉求 File a demand (same idempotency key: stored once)', body: FileBody, response: { 200: DemandSchema, 201: DemandSchema, 400: ErrorBody, 409: ErrorBody, ...auth } } }, async (req, reply) => {
      const { session, scope, actor } = caller(req);
      const v = viewerOf(session, scope);
      const { demand, created } = await svc.file(v, actor, req.body);
      return reply.status(created ? 201 : 200).send(demandView(regions, crypto, demand, partiesOf(v, demand, new Set())));
    });

    r.get('/api/demands/:id', { config: { permission: 'demands.read' }, schema: { tags: ['demands'], summary: '诉求详情与办理时间线 Demand with its timeline and what the caller may do', params: Id, response: { 200: z.object({ demand: DemandSchema, events: z.array(EventSchema) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const v = viewerOf(session, scope);
      const { demand, parties } = await svc.detail(v, req.params.id);
      const events = await svc.timeline(svc.db, demand);
      return { demand: demandView(regions, crypto, demand, parties), events: events.map((e) => ({ ...e, at: e.at.toISOString() })) };
    });

    r.post('/api/demands/:id/reveal-contact', { config: { permission: 'demands.read' }, schema: { tags: ['demands'], summary: '查看完整联系电话（留痕）Reveal the contact phone to a party of the demand (audited)', params: Id, body: z.object({ purpose: z.string().trim().max(200).optional() }).optional(), response: { 200: z.object({ contactPhone: z.string() }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 401: ErrorBody } } }, async (req) => {
      const { session, scope, actor } = caller(req);
      return { contactPhone: await svc.revealContact(viewerOf(session, scope), actor, req.params.id, req.body?.purpose ?? null) };
    });

    for (const [path, body] of Object.entries(ACTION_BODIES) as [keyof typeof ACTION_BODIES, (typeof ACTION_BODIES)[keyof typeof ACTION_BODIES]][]) {
      r.post(`/api/demands/:id/${path}`, { config: { permission: ACTION_PERMISSION[path] }, schema: { tags: ['demands'], summary: ACTION_SUMMARY[path], params: Id, body, response: { 200: DemandSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
        const { session, scope, actor } = caller(req);
        const v = viewerOf(session, scope);
        const b = req.body as z.infer<(typeof ACTION_BODIES)['dispatch']> & z.infer<(typeof ACTION_BODIES)['revisit']> & { major?: boolean };
        const action = path === 'send-back' ? 'send_back' : path === 'hand-down' ? 'hand_down' : path === 'revisit' ? (b.solved ? 'revisit' : 'reopen') : path;
        const row = await svc.act(v, actor, req.params.id, action, { note: b.note, unitType: b.unitType, unitId: b.unitId, complex: b.complex, deadline: b.deadline, rating: b.rating, major: b.major });
        return demandView(regions, crypto, row, partiesOf(v, row, await pairedOf(svc.db, v)));
      });
    }

    r.get('/api/demands/counts', { config: { permission: 'demands.read' }, schema: { tags: ['demands'], summary: '待办数量 Counts for the menu badges', response: { 200: z.object({ intake: z.number(), queue: z.number(), overdue: z.number() }), ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const v = viewerOf(session, scope);
      const now = new Date();
      // Capped like the lists' totals: a badge shows 99+ long before the cap.
      const n = async (view: FilterValues['view']) => (await svc.totals.total(demands, where(v, { view, sort: 'created' }, now))).total;
      const [intake, queue, overdue] = await Promise.all([n('intake'), n('queue'), n('overdue')]);
      return { intake, queue, overdue };
    });
  };
}
