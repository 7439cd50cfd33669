import { z } from 'zod';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/service.js';
import { scopeWhere } from '../../platform/scope.js';
import { pairedOf, partiesOf, viewerOf, visible } from './access.js';
import { recordEvent } from './events.js';
import { similarity } from './rules.js';
import { INTAKE_STATES, WORK_STATES, type DemandService } from './service.js';
import { commonIssues, DEMAND_CATEGORIES, demands, UNIT_TYPES } from './tables.js';
import { unitsOf } from './units.js';
import { DemandSchema, demandView } from './views.js';

const auth = { 401: ErrorBody, 403: ErrorBody };
const IssueSchema = z
  .object({ id: z.string(), regionCode: z.string(), category: z.enum(DEMAND_CATEGORIES), title: z.string(), ownerType: z.enum(UNIT_TYPES), ownerId: z.string(), ownerLabel: z.string(), state: z.enum(['open', 'closed']), answer: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.string(), closedAt: z.string().nullable() })
  .meta({ id: 'CommonIssue' });
type IssueRow = typeof commonIssues.$inferSelect;
const issueView = (i: IssueRow) => ({ ...i, createdAt: i.createdAt.toISOString(), closedAt: i.closedAt ? i.closedAt.toISOString() : null });
const OPEN = [...INTAKE_STATES, ...WORK_STATES];

/**
 * Common issues (点办理、批处理): a dispatcher gathers similar open demands, proposed by category,
 * region and text similarity, into one issue assigned to a policy owner; closing it answers every
 * open member with the issue's answer, and each enterprise is still asked to revisit.
 */
export function commonIssueRoutes(svc: DemandService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const { regions, crypto } = svc.deps;

    r.get('/api/demands/common-issues', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '共性问题 Common issues in scope', querystring: z.object({ state: z.enum(['open', 'closed']).optional() }), response: { 200: z.array(IssueSchema), 400: ErrorBody, ...auth } } }, async (req) => {
      const { scope } = caller(req);
      const rows = await svc.db.select().from(commonIssues).where(scopeWhere(scope, commonIssues, req.query.state ? eq(commonIssues.state, req.query.state) : undefined)).orderBy(desc(commonIssues.createdAt)).limit(500);
      return rows.map(issueView);
    });

    r.get('/api/demands/:id/common-candidates', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '共性问题候选 Similar open demands of the same category in the caller’s region', params: z.object({ id: Uuid }), response: { 200: z.array(DemandSchema.extend({ similarity: z.number() })), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const v = viewerOf(session, scope);
      const d = await svc.get(svc.db, v, req.params.id);
      const rules = await svc.rulesFor(svc.db, v.regionCode);
      const text = `${d.title} ${d.description}`;
      const rows = await svc.openIn(svc.db, v, d.category, regions.subtree(v.regionCode));
      return rows
        .filter((x) => x.id !== d.id)
        .map((x) => ({ x, s: similarity(text, `${x.title} ${x.description}`) }))
        .filter(({ s }) => s >= rules.commonSimilarity)
        .sort((a, b) => b.s - a.s)
        .slice(0, 50)
        .map(({ x, s }) => ({ ...demandView(regions, crypto, x, partiesOf(v, x, new Set())), similarity: Math.round(s * 100) / 100 }));
    });

    r.post('/api/demands/common-issues', {
      config: { permission: 'demands.dispatch' },
      schema: { tags: ['demands'], summary: '建立共性问题 Gather demands into a common issue with a policy owner', body: z.object({ title: z.string().trim().min(1).max(200), ownerType: z.enum(UNIT_TYPES), ownerId: Uuid, demandIds: z.array(Uuid).min(2).max(200) }), response: { 201: IssueSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } },
    }, async (req, reply) => {
      const { session, scope, actor } = caller(req);
      const v = viewerOf(session, scope);
      const owner = (await unitsOf(svc.deps.org, regions, scope, v.regionCode)).find((u) => u.type === req.body.ownerType && u.id === req.body.ownerId);
      if (!owner) throw errors.of(400, 'demands.unit_not_available', {}, 'body.ownerId');
      const issue = await svc.db.transaction(async (tx) => {
        const members = await tx.select().from(demands).where(visible(v, and(inArray(demands.id, req.body.demandIds), inArray(demands.state, OPEN), isNull(demands.commonIssueId)))).for('update');
        if (members.length !== new Set(req.body.demandIds).size) throw errors.validation('body.demandIds', 'every demand must be open, in scope and in no other common issue');
        const categories = new Set(members.map((m) => m.category));
        if (categories.size !== 1) throw errors.validation('body.demandIds', 'the demands of a common issue share one category');
        const [row] = await tx.insert(commonIssues).values({ regionCode: v.regionCode, category: members[0]!.category, title: req.body.title, ownerType: owner.type, ownerId: owner.id, ownerLabel: owner.label, createdBy: actor.name }).returning();
        await tx.update(demands).set({ commonIssueId: row!.id }).where(inArray(demands.id, members.map((m) => m.id)));
        for (const m of members) await recordEvent(tx, actor, m, { action: 'common_issue', from: m.state, to: m.state, note: req.body.title, detail: { issueId: row!.id, owner: owner.label } }, undefined, new Date());
        await recordAudit(tx, actor, { action: 'demand.common_issue.create', targetType: 'common_issue', targetId: row!.id, regionCode: v.regionCode, detail: { members: members.length, owner: owner.label } });
        return row!;
      });
      return reply.status(201).send(issueView(issue));
    });

    r.get('/api/demands/common-issues/:id', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '共性问题详情 A common issue and its member demands', params: z.object({ id: Uuid }), response: { 200: z.object({ issue: IssueSchema, members: z.array(DemandSchema) }), 400: ErrorBody, 404: ErrorBody, ...auth } } }, async (req) => {
      const { session, scope } = caller(req);
      const v = viewerOf(session, scope);
      const issue = (await svc.db.select().from(commonIssues).where(scopeWhere(scope, commonIssues, eq(commonIssues.id, req.params.id))))[0];
      if (!issue) throw errors.notFound('common_issue');
      const [members, paired] = await Promise.all([svc.db.select().from(demands).where(visible(v, eq(demands.commonIssueId, issue.id))).orderBy(desc(demands.createdAt)), pairedOf(svc.db, v)]);
      return { issue: issueView(issue), members: members.map((m) => demandView(regions, crypto, m, partiesOf(v, m, paired))) };
    });

    r.post('/api/demands/common-issues/:id/close', { config: { permission: 'demands.dispatch' }, schema: { tags: ['demands'], summary: '共性问题办结 Close: every open member is answered with this answer and awaits its revisit', params: z.object({ id: Uuid }), body: z.object({ answer: z.string().trim().min(1).max(4000) }), response: { 200: z.object({ issue: IssueSchema, answered: z.number() }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...auth } } }, async (req) => {
      const { scope, actor } = caller(req);
      const now = new Date();
      return svc.db.transaction(async (tx) => {
        const issue = (await tx.select().from(commonIssues).where(scopeWhere(scope, commonIssues, eq(commonIssues.id, req.params.id))).for('update'))[0];
        if (!issue) throw errors.notFound('common_issue');
        if (issue.state === 'closed') throw errors.of(409, 'demands.issue_closed');
        const members = await tx.select().from(demands).where(and(eq(demands.commonIssueId, issue.id), inArray(demands.state, OPEN))).for('update');
        // The issue's command answers for its members, whichever level holds each of them now.
        for (const m of members) await svc.apply(tx, actor, m, 'batch_answer', ['dispatcher'], { note: req.body.answer }, now);
        const [row] = await tx.update(commonIssues).set({ state: 'closed', answer: req.body.answer, closedAt: now }).where(eq(commonIssues.id, issue.id)).returning();
        await recordAudit(tx, actor, { action: 'demand.common_issue.close', targetType: 'common_issue', targetId: issue.id, regionCode: issue.regionCode, detail: { answered: members.length } });
        return { issue: issueView(row!), answered: members.length };
      });
    });
  };
}
