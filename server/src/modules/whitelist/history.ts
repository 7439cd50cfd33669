import { sql } from 'drizzle-orm';
import type { Conn } from '../../platform/db/index.js';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { whitelistHistory } from './tables.js';

export interface EnterpriseRef {
  id: string;
  regionCode: string;
  sector: string;
}

/** One step of an enterprise's whitelist history, and its audit event, in the caller's transaction. */
export async function recordStep(
  tx: Conn,
  actor: AuditActor,
  ent: EnterpriseRef,
  step: { event: string; from?: string | null; to?: string | null; note?: string | null; detail?: Record<string, unknown> | null },
): Promise<void> {
  await tx.insert(whitelistHistory).values({
    enterpriseId: ent.id,
    regionCode: ent.regionCode,
    sector: ent.sector,
    event: step.event,
    fromStatus: step.from ?? null,
    toStatus: step.to ?? null,
    note: step.note ?? null,
    detail: step.detail ?? null,
    actorName: actor.name,
    // now() is fixed for the whole transaction; clock_timestamp() keeps steps of one transaction in order.
    at: sql`clock_timestamp()`,
  });
  await recordAudit(tx, actor, {
    action: `whitelist.${step.event}`,
    targetType: 'enterprise',
    targetId: ent.id,
    regionCode: ent.regionCode,
    detail: { from: step.from ?? null, to: step.to ?? null, note: step.note ?? null, ...(step.detail ?? {}) },
  });
}
