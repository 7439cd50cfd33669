import { and, count, desc, eq, inArray, isNull, max } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { WhitelistService } from './service.js';
import { enterprises, whitelistBatchItems, whitelistBatches, type Sector } from './tables.js';

/** 成熟一批、推出一批: the admitted enterprises of a sector and region not yet published. */
export async function publishBatch(svc: WhitelistService, scope: Scope, actor: AuditActor, b: { regionCode: string; sector: Sector; title: string; publishedOn: string }) {
  if (scope.kind !== 'government' || !scopeCoversRegion(scope, b.regionCode) || !svc.regions.name(b.regionCode)) throw errors.notFound('region');
  if (scope.sector !== null && scope.sector !== b.sector) throw errors.validation('body.sector', 'outside your sector');
  return svc.db.transaction(async (tx) => {
    const candidates = await tx
      .select({ id: enterprises.id, regionCode: enterprises.regionCode, sector: enterprises.sector })
      .from(enterprises)
      .leftJoin(whitelistBatchItems, eq(whitelistBatchItems.enterpriseId, enterprises.id))
      .where(scopeWhere(scope, enterprises, and(eq(enterprises.listingStatus, 'listed'), eq(enterprises.sector, b.sector), inArray(enterprises.regionCode, svc.regions.subtree(b.regionCode)), isNull(whitelistBatchItems.batchId))));
    if (!candidates.length) throw errors.of(409, 'whitelist.batch_empty');
    const last = await tx.select({ n: max(whitelistBatches.number) }).from(whitelistBatches).where(and(eq(whitelistBatches.regionCode, b.regionCode), eq(whitelistBatches.sector, b.sector)));
    const [batch] = await tx.insert(whitelistBatches).values({ ...b, number: (last[0]?.n ?? 0) + 1, publishedBy: actor.name }).returning();
    await tx.insert(whitelistBatchItems).values(candidates.map((c) => ({ batchId: batch!.id, enterpriseId: c.id, regionCode: c.regionCode, sector: c.sector })));
    await recordAudit(tx, actor, { action: 'whitelist.batch.publish', targetType: 'batch', targetId: batch!.id, regionCode: b.regionCode, detail: { number: batch!.number, sector: b.sector, enterprises: candidates.length } });
    return { ...batch!, size: candidates.length };
  });
}

export async function listBatches(svc: WhitelistService, scope: Scope) {
  const rows = await svc.db
    .select({ batch: whitelistBatches, size: count(whitelistBatchItems.enterpriseId) })
    .from(whitelistBatches)
    .leftJoin(whitelistBatchItems, eq(whitelistBatchItems.batchId, whitelistBatches.id))
    .where(scopeWhere(scope, whitelistBatches))
    .groupBy(whitelistBatches.id)
    .orderBy(desc(whitelistBatches.publishedOn), desc(whitelistBatches.number));
  return rows.map((r) => ({ ...r.batch, size: r.size }));
}

export async function batchDetail(svc: WhitelistService, scope: Scope, id: string) {
  const rows = await svc.db.select().from(whitelistBatches).where(scopeWhere(scope, whitelistBatches, eq(whitelistBatches.id, id)));
  const batch = rows[0];
  if (!batch) throw errors.notFound('batch');
  const items = await svc.db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, regionCode: enterprises.regionCode, kind: enterprises.kind, serviceTier: enterprises.serviceTier, listingStatus: enterprises.listingStatus, outputValueFen: enterprises.outputValueFen })
    .from(whitelistBatchItems)
    .innerJoin(enterprises, eq(enterprises.id, whitelistBatchItems.enterpriseId))
    .where(scopeWhere(scope, whitelistBatchItems, eq(whitelistBatchItems.batchId, id)))
    .orderBy(enterprises.regionCode, enterprises.name);
  return { batch: { ...batch, size: items.length }, items: items.map((i) => ({ ...i, regionName: svc.regions.name(i.regionCode) })) };
}
