import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, lte, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import { TotalCounter } from '../../platform/db/totals.js';
import type { AuditActor } from '../../platform/audit/service.js';
import type { SessionUser } from '../../platform/auth/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { containsPattern } from '../../platform/schemas.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { OrgUnits } from '../org/units.js';
import type { Notifier, RegionNames } from './ports.js';
import type { TasksSettings } from './settings.js';
import { ASSIGNMENT_TRANSITIONS, assignmentActions, nextAssignment, OPEN_ASSIGNMENT_STATES, type AssignmentAction, type AssignmentActor } from './states.js';
import { taskAssignments, taskEvents, tasks, type AssignmentState, type UnitType } from './tables.js';

export type TaskRow = typeof tasks.$inferSelect;
export type AssignmentRow = typeof taskAssignments.$inferSelect;
export type TaskEventRow = typeof taskEvents.$inferSelect;
export interface Caller {
  session: SessionUser;
  scope: Scope;
  actor: AuditActor;
}
export type UnitKey = { type: UnitType; id: string };

const ACTION_WORDS: Record<AssignmentAction, { zh: string; en: string }> = {
  progress: { zh: '反馈了进展', en: 'reported progress on' },
  complete: { zh: '报告已完成', en: 'reported completion of' },
  accept: { zh: '验收通过', en: 'accepted' },
  return: { zh: '退回重办', en: 'returned' },
  cancel: { zh: '撤销了交办', en: 'cancelled' },
};

/** Tasks (工作交办): a command assigns work to units of its region; each unit reports; the command accepts or returns. */
export class TasksService {
  /** Capped totals of the task lists and the overdue board; every change below tells it, in its transaction and after it commits. */
  readonly totals: TotalCounter;
  constructor(
    readonly db: Db,
    readonly units: OrgUnits,
    readonly regions: RegionNames,
    private readonly notifier: Notifier,
    readonly settings: TasksSettings,
  ) {
    this.totals = new TotalCounter(db);
  }

  /** The units the caller answers for (its department, task force, or its region's command for a dispatcher). */
  unitsOf(session: SessionUser): Promise<UnitKey[]> {
    return this.units.unitsOfAccount(session.user, session.role.permissions, 'tasks.assign');
  }

  /** Those who oversee a region's tasks: its dispatchers and supervisors. Other staff see only their units' work. */
  overseer(session: SessionUser): boolean {
    const p = session.role.permissions;
    return p.includes('tasks.assign') || p.includes('supervision.read');
  }

  private unitMatch(keys: UnitKey[]): SQL {
    if (keys.length === 0) return sql`false`;
    return or(...keys.map((k) => and(eq(taskAssignments.unitType, k.type), eq(taskAssignments.unitId, k.id))))!;
  }

  async create(c: Caller, input: { title: string; requirement: string; deadline: Date; units: UnitKey[]; requestKey?: string | null | undefined }, now = new Date()): Promise<{ task: TaskRow; created: boolean }> {
    const command = await this.units.commandOfRegion(c.session.user.regionCode);
    if (!command) throw errors.of(409, 'tasks.no_command');
    if (input.deadline.getTime() <= now.getTime()) throw errors.validation('body.deadline', 'must be in the future');
    const allowed = new Map((await this.units.assignableUnits(command.regionCode)).map((u) => [`${u.type}:${u.id}`, u]));
    const picked = [...new Map(input.units.map((u) => [`${u.type}:${u.id}`, u])).keys()].map((k) => allowed.get(k));
    if (picked.length === 0 || picked.some((u) => u === undefined)) throw errors.validation('body.units', 'not a unit of this command');
    // Recipients are read before the transaction: PGlite has one connection, held by the transaction.
    const recipients = new Map<string, string[]>();
    for (const u of picked) if (u) recipients.set(u.id, await this.units.userIdsOfUnit(u, 'tasks.assign'));
    const out = await this.db.transaction(async (tx) => {
      if (input.requestKey) {
        const existing = (await tx.select().from(tasks).where(and(eq(tasks.commandId, command.id), eq(tasks.requestKey, input.requestKey))))[0];
        if (existing) return { task: existing, created: false };
      }
      const task = (
        await tx
          .insert(tasks)
          .values({ commandId: command.id, regionCode: command.regionCode, title: input.title, requirement: input.requirement, deadline: input.deadline, requestKey: input.requestKey ?? null, createdById: c.session.user.id, createdByName: c.session.user.displayName })
          .returning()
      )[0]!;
      for (const u of picked) {
        if (!u) continue;
        const a = (
          await tx
            .insert(taskAssignments)
            .values({ taskId: task.id, regionCode: u.regionCode, commandRegionCode: command.regionCode, unitType: u.type, unitId: u.id, unitLabel: u.label, deadline: input.deadline })
            .returning()
        )[0]!;
        await tx.insert(taskEvents).values({ assignmentId: a.id, taskId: task.id, regionCode: a.regionCode, action: 'assign', fromState: null, toState: 'assigned', note: input.requirement, actorId: c.session.user.id, actorName: c.session.user.displayName, at: sql`clock_timestamp()` });
        await this.notifier.notify(tx, {
          userIds: recipients.get(u.id) ?? [],
          kind: 'task.assigned',
          title: { zh: `新交办任务：${task.title}`, en: `New task assigned: ${task.title}` },
          body: { zh: `${command.name}交办，请于期限前反馈。`, en: `Assigned by ${command.name}; report before the deadline.` },
          link: `/tasks/${task.id}`,
          ref: { type: 'task_assignment', id: a.id },
          dedupeKey: `task-assigned:${a.id}`,
        });
      }
      await recordAudit(tx, c.actor, { action: 'tasks.assign', targetType: 'task', targetId: task.id, regionCode: task.regionCode, detail: { title: task.title, units: picked.map((u) => u?.label ?? '') } });
      this.totals.changed();
      return { task, created: true };
    });
    if (out.created) this.totals.changed();
    return out;
  }

  async listTasks(c: Caller, f: { q?: string | undefined; state?: AssignmentState | undefined; overdue?: boolean | undefined; page: number; pageSize: number }, now = new Date()) {
    const conds: (SQL | undefined)[] = [f.q ? ilike(tasks.title, containsPattern(f.q)) : undefined];
    if (f.state) conds.push(sql`exists (select 1 from task_assignments a where a.task_id = ${tasks.id} and a.state = ${f.state})`);
    if (f.overdue) conds.push(and(lt(tasks.deadline, now), sql`exists (select 1 from task_assignments a where a.task_id = ${tasks.id} and a.state in ('assigned','in_progress','submitted','returned'))`));
    if (!this.overseer(c.session)) {
      const keys = await this.unitsOf(c.session);
      conds.push(keys.length ? inArray(tasks.id, this.db.select({ id: taskAssignments.taskId }).from(taskAssignments).where(this.unitMatch(keys))) : sql`false`);
    }
    const where = scopeWhere(c.scope, tasks, and(...conds));
    const [rows, total] = await Promise.all([this.db.select().from(tasks).where(where).orderBy(desc(tasks.createdAt), asc(tasks.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize), this.totals.total(tasks, where)]);
    const counts = await this.stateCounts(rows.map((r) => r.id));
    return { rows, ...total, counts };
  }

  /** Per task: how many of its assignments are in each state. */
  async stateCounts(taskIds: string[]): Promise<Map<string, Partial<Record<AssignmentState, number>>>> {
    const out = new Map<string, Partial<Record<AssignmentState, number>>>();
    if (taskIds.length === 0) return out;
    const rows = await this.db.select({ taskId: taskAssignments.taskId, state: taskAssignments.state, n: count() }).from(taskAssignments).where(inArray(taskAssignments.taskId, taskIds)).groupBy(taskAssignments.taskId, taskAssignments.state);
    for (const r of rows) out.set(r.taskId, { ...(out.get(r.taskId) ?? {}), [r.state]: r.n });
    return out;
  }

  /**
   * A task as the caller may see it: the command side (scope reaches the task) sees every
   * assignment; a unit sees only its own. Anyone else gets 404.
   */
  async detail(c: Caller, taskId: string): Promise<{ task: TaskRow; assignments: (AssignmentRow & { actions: AssignmentAction[] })[]; events: TaskEventRow[] }> {
    const task = (await this.db.select().from(tasks).where(eq(tasks.id, taskId)))[0];
    if (!task) throw errors.notFound('task');
    const commandSide = this.overseer(c.session) && (await this.db.select({ id: tasks.id }).from(tasks).where(scopeWhere(c.scope, tasks, eq(tasks.id, taskId)))).length > 0;
    const mine = await this.unitsOf(c.session);
    const all = await this.db.select().from(taskAssignments).where(eq(taskAssignments.taskId, taskId)).orderBy(asc(taskAssignments.unitType), asc(taskAssignments.unitLabel));
    const own = (a: AssignmentRow) => mine.some((k) => k.type === a.unitType && k.id === a.unitId);
    const visible = commandSide ? all : all.filter(own);
    if (visible.length === 0 && !commandSide) throw errors.notFound('task');
    const perms = c.session.role.permissions;
    const assignments = visible.map((a) => {
      const sides: AssignmentActor[] = [];
      if (own(a) && perms.includes('tasks.handle')) sides.push('unit');
      if (commandSide && perms.includes('tasks.assign')) sides.push('command');
      return { ...a, actions: assignmentActions(a.state, sides) };
    });
    const ids = visible.map((a) => a.id);
    const events = ids.length ? await this.db.select().from(taskEvents).where(inArray(taskEvents.assignmentId, ids)).orderBy(asc(taskEvents.at)) : [];
    return { task, assignments, events };
  }

  /** The caller's units' assignments (my assignments), open ones first by deadline. */
  async mine(c: Caller, f: { q?: string | undefined; state?: AssignmentState | undefined; page: number; pageSize: number }) {
    const keys = await this.unitsOf(c.session);
    // The title filter as a subquery: the capped total counts task_assignments alone, without the join.
    const titled = f.q ? inArray(taskAssignments.taskId, this.db.select({ id: tasks.id }).from(tasks).where(ilike(tasks.title, containsPattern(f.q)))) : undefined;
    const where = scopeWhere(c.scope, taskAssignments, and(this.unitMatch(keys), f.state ? eq(taskAssignments.state, f.state) : undefined, titled));
    const open = sql`case when ${taskAssignments.state} in ('accepted','cancelled') then 1 else 0 end`;
    const [rows, total] = await Promise.all([
      this.db.select({ a: taskAssignments, title: tasks.title, requirement: tasks.requirement }).from(taskAssignments).innerJoin(tasks, eq(tasks.id, taskAssignments.taskId)).where(where).orderBy(open, asc(taskAssignments.deadline), asc(taskAssignments.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
      this.totals.total(taskAssignments, where),
    ]);
    const canHandle = c.session.role.permissions.includes('tasks.handle');
    const items = rows.map((r) => ({ ...r.a, taskTitle: r.title, requirement: r.requirement, actions: assignmentActions(r.a.state, canHandle ? ['unit'] : []) }));
    return { items, ...total };
  }

  /** One step of an assignment, by its unit or its command, with the reason or evidence. */
  async act(c: Caller, assignmentId: string, action: AssignmentAction, note: string | null): Promise<AssignmentRow> {
    const row = (await this.db.select({ a: taskAssignments, t: tasks }).from(taskAssignments).innerJoin(tasks, eq(tasks.id, taskAssignments.taskId)).where(eq(taskAssignments.id, assignmentId)))[0];
    if (!row) throw errors.notFound('assignment');
    const { a, t } = row;
    const mine = (await this.unitsOf(c.session)).some((k) => k.type === a.unitType && k.id === a.unitId);
    const commandSide = this.overseer(c.session) && scopeCoversRegion(c.scope, t.regionCode);
    if (!mine && !commandSide) throw errors.notFound('assignment');
    const by = ASSIGNMENT_TRANSITIONS[action].by;
    const perms = c.session.role.permissions;
    if (by === 'unit' && !(mine && perms.includes('tasks.handle'))) throw errors.forbidden();
    if (by === 'command' && !(commandSide && perms.includes('tasks.assign'))) throw errors.forbidden();
    if ((action === 'complete' || action === 'return' || action === 'cancel') && !note) throw errors.validation('body.note', action === 'complete' ? 'evidence is required' : 'a reason is required');
    const to = nextAssignment(action, a.state);
    const recipients = by === 'unit' ? await this.units.userIdsWithPermission([t.regionCode], 'tasks.assign') : await this.units.userIdsOfUnit({ type: a.unitType, id: a.unitId }, 'tasks.assign');
    const moved = await this.db.transaction(async (tx) => {
      const now = sql`clock_timestamp()`;
      const updated = (
        await tx
          .update(taskAssignments)
          .set({ state: to, lastNote: note ?? a.lastNote, updatedAt: now, ...(to === 'submitted' ? { submittedAt: now } : {}), ...(to === 'accepted' ? { acceptedAt: now } : {}) })
          .where(and(eq(taskAssignments.id, a.id), eq(taskAssignments.state, a.state)))
          .returning()
      )[0];
      // Someone else moved it between our read and write: answer as the table would for the new state.
      if (!updated) throw errors.of(409, 'tasks.invalid_transition', { action, from: a.state });
      this.totals.changed();
      await tx.insert(taskEvents).values({ assignmentId: a.id, taskId: t.id, regionCode: a.regionCode, action, fromState: a.state, toState: to, note, actorId: c.session.user.id, actorName: c.session.user.displayName, at: now });
      await recordAudit(tx, c.actor, { action: `tasks.${action}`, targetType: 'task_assignment', targetId: a.id, regionCode: a.regionCode, detail: { task: t.id, from: a.state, to, note } });
      const words = ACTION_WORDS[action];
      await this.notifier.notify(tx, {
        userIds: recipients.filter((id) => id !== c.session.user.id),
        kind: `task.${action}`,
        title: by === 'unit' ? { zh: `${a.unitLabel}${words.zh}：${t.title}`, en: `${a.unitLabel} ${words.en} ${t.title}` } : { zh: `交办任务${words.zh}：${t.title}`, en: `The command ${words.en} ${t.title}` },
        ...(note ? { body: { zh: note, en: note } } : {}),
        link: `/tasks/${t.id}`,
        ref: { type: 'task_assignment', id: a.id },
      });
      return updated;
    });
    this.totals.changed();
    return moved;
  }

  /**
   * The deadline warning: once per assignment, `taskWarningHours` before its deadline. Run by the
   * recurring sweep; idempotent (warnedAt), so running it twice warns once.
   */
  async warnDeadlines(now: Date): Promise<number> {
    const horizon = new Date(now.getTime() + this.settings.taskWarningHours * 3600_000);
    const due = await this.db
      .select({ a: taskAssignments, title: tasks.title })
      .from(taskAssignments)
      .innerJoin(tasks, eq(tasks.id, taskAssignments.taskId))
      .where(and(inArray(taskAssignments.state, [...OPEN_ASSIGNMENT_STATES]), isNull(taskAssignments.warnedAt), lte(taskAssignments.deadline, horizon), gt(taskAssignments.deadline, now)))
      .limit(1000);
    for (const { a, title } of due) {
      const userIds = await this.units.userIdsOfUnit({ type: a.unitType, id: a.unitId }, 'tasks.assign');
      await this.db.transaction(async (tx) => {
        const claimed = await tx.update(taskAssignments).set({ warnedAt: now }).where(and(eq(taskAssignments.id, a.id), isNull(taskAssignments.warnedAt))).returning({ id: taskAssignments.id });
        if (claimed.length === 0) return;
        await this.notifier.notify(tx, {
          userIds,
          kind: 'task.deadline_warning',
          title: { zh: `交办任务即将到期：${title}`, en: `Task due soon: ${title}` },
          link: `/tasks/${a.taskId}`,
          ref: { type: 'task_assignment', id: a.id },
          dedupeKey: `task-warning:${a.id}`,
        });
      });
    }
    return due.length;
  }

  /** The assignments of one task, for the export and the supervision source. */
  async assignmentsOf(conn: Conn, taskId: string): Promise<AssignmentRow[]> {
    return conn.select().from(taskAssignments).where(eq(taskAssignments.taskId, taskId));
  }
}
