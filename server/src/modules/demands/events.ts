import type { Conn } from '../../platform/db/index.js';
import { recordAudit, type AuditActor } from '../../platform/audit/service.js';
import { demandEvents, type demands } from './tables.js';

type DemandRow = typeof demands.$inferSelect;

export interface DemandStep {
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
  detail?: Record<string, unknown>;
}

/** Tells the parties of a demand about a step (in the step's transaction). */
export interface DemandNotifier {
  onStep(conn: Conn, d: DemandRow, step: DemandStep, before: DemandRow | undefined): Promise<void>;
}

/** One step of the timeline, its audit event and its notifications, in the caller's transaction. */
export async function recordEvent(tx: Conn, actor: AuditActor, d: DemandRow, step: DemandStep, notifier: DemandNotifier | undefined, at: Date, before?: DemandRow): Promise<void> {
  await tx.insert(demandEvents).values({
    demandId: d.id,
    enterpriseId: d.enterpriseId,
    regionCode: d.regionCode,
    action: step.action,
    fromState: step.from,
    toState: step.to,
    level: d.level,
    note: step.note,
    detail: step.detail ?? null,
    actorId: actor.id,
    actorName: actor.name,
    at,
  });
  await recordAudit(tx, actor, {
    action: `demand.${step.action}`,
    targetType: 'demand',
    targetId: d.id,
    regionCode: d.regionCode,
    detail: { no: d.no, from: step.from, to: step.to, note: step.note, ...(step.detail ?? {}) },
  });
  if (notifier) await notifier.onStep(tx, d, step, before);
}
