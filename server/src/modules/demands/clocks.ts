import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Conn } from '../../platform/db/index.js';
import type { AuditActor } from '../../platform/audit/service.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { recordEvent } from './events.js';
import { backfillMaskedPhones, INTAKE_STATES, WORK_STATES, type DemandRow, type DemandService } from './service.js';
import { demands } from './tables.js';

export const CLOCK_JOB = 'demand.clock';
export const SWEEP_JOB = 'demands.sweep';
const SYSTEM: AuditActor = { id: null, name: 'system', ip: null };

/** The running clock of a demand: dispatch while at a command, answer while with a unit. */
export function runningClock(d: DemandRow): { warnAt: Date | null; warnedAt: Date | null; deadline: Date } | null {
  if ((INTAKE_STATES as readonly string[]).includes(d.state) && d.dispatchDeadline) return { warnAt: d.dispatchWarnAt, warnedAt: d.dispatchWarnedAt, deadline: d.dispatchDeadline };
  if ((WORK_STATES as readonly string[]).includes(d.state) && d.answerDeadline) return { warnAt: d.answerWarnAt, warnedAt: d.answerWarnedAt, deadline: d.answerDeadline };
  return null;
}

/**
 * Durable timers of the demands: after every step the demand's warning and overdue timers are
 * (re)scheduled in the step's transaction through platform/jobs, keyed by demand, so they
 * survive a restart and a new clock replaces the old. A recurring sweep catches anything a
 * timer missed (a job lost with a restored backup); both run check(), which is idempotent.
 */
export class DemandClocks {
  constructor(
    private readonly svc: DemandService,
    private readonly jobs: JobQueue,
  ) {}

  register(): void {
    this.jobs.register(CLOCK_JOB, async (payload, ctx) => {
      const id = (payload as { id?: unknown } | null)?.id;
      if (typeof id === 'string') await this.check(id, ctx.now);
    });
    this.jobs.every(SWEEP_JOB, 15 * 60_000, async (ctx) => {
      await this.sweep(ctx.now);
      await backfillMaskedPhones(this.svc.db, this.svc.deps.crypto);
    });
  }

  /** Called by the service after each step, in its transaction. */
  async after(tx: Conn, d: DemandRow): Promise<void> {
    const clock = runningClock(d);
    if (!clock) {
      await this.jobs.cancel(tx, `demand:${d.id}:warn`);
      await this.jobs.cancel(tx, `demand:${d.id}:overdue`);
      return;
    }
    if (clock.warnAt && !clock.warnedAt) await this.jobs.schedule(tx, { kind: CLOCK_JOB, runAt: clock.warnAt, payload: { id: d.id }, key: `demand:${d.id}:warn` });
    await this.jobs.schedule(tx, { kind: CLOCK_JOB, runAt: clock.deadline, payload: { id: d.id }, key: `demand:${d.id}:overdue` });
  }

  /** Warns and marks overdue one demand as its clock says at `now`; escalates where the command asks. */
  async check(id: string, now: Date): Promise<void> {
    await this.svc.db.transaction(async (tx) => {
      const d = (await tx.select().from(demands).where(eq(demands.id, id)).for('update'))[0];
      if (!d) return;
      const clock = runningClock(d);
      if (!clock) return;
      const intake = d.unitId === null;
      let cur = d;
      if (clock.warnAt && !clock.warnedAt && clock.warnAt <= now && clock.deadline > now) {
        [cur] = await tx.update(demands).set(intake ? { dispatchWarnedAt: now } : { answerWarnedAt: now }).where(eq(demands.id, d.id)).returning();
        await recordEvent(tx, SYSTEM, cur!, { action: 'warn', from: d.state, to: d.state, note: null, detail: { deadline: clock.deadline.toISOString(), clock: intake ? 'dispatch' : 'answer' } }, this.svc.deps.notifier, now);
      }
      if (clock.deadline <= now && !d.overdueSince) {
        // A warning not sent before the deadline is moot: mark it done so the sweep stops finding it.
        const warned = clock.warnedAt ?? now;
        [cur] = await tx.update(demands).set({ overdueSince: clock.deadline, ...(intake ? { dispatchWarnedAt: warned } : { answerWarnedAt: warned }) }).where(eq(demands.id, d.id)).returning();
        await recordEvent(tx, SYSTEM, cur!, { action: 'overdue', from: d.state, to: d.state, note: null, detail: { deadline: clock.deadline.toISOString(), clock: intake ? 'dispatch' : 'answer' } }, this.svc.deps.notifier, now);
        const rules = await this.svc.rulesFor(tx, d.holderRegionCode);
        if (rules.autoEscalate && d.level !== 'leadership') {
          // One millisecond on, so the timeline shows the breach before the escalation.
          await this.svc.apply(tx, SYSTEM, cur!, 'escalate', ['system'], { note: '超时自动上报 Escalated automatically on a breached deadline' }, new Date(now.getTime() + 1));
        }
      }
    });
  }

  /** Every demand whose warning or deadline is due and not yet handled; returns how many it checked. */
  async sweep(now: Date): Promise<number> {
    const intake = and(inArray(demands.state, [...INTAKE_STATES]), or(and(isNull(demands.dispatchWarnedAt), lte(demands.dispatchWarnAt, now)), and(isNull(demands.overdueSince), lte(demands.dispatchDeadline, now))));
    const work = and(inArray(demands.state, [...WORK_STATES]), or(and(isNull(demands.answerWarnedAt), lte(demands.answerWarnAt, now)), and(isNull(demands.overdueSince), lte(demands.answerDeadline, now))));
    const due = await this.svc.db.select({ id: demands.id }).from(demands).where(or(intake, work)).limit(5000);
    for (const { id } of due) await this.check(id, now);
    return due.length;
  }
}
