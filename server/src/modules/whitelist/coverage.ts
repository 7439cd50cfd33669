import { and, desc, eq, gt, isNull, lte, or, sql, sum } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { errors } from '../../platform/errors.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { WhitelistService } from './service.js';
import { enterprises, sectorTotals, SECTORS, whitelistMemberships, type Sector } from './tables.js';

export const COVERAGE_TARGET = 0.7;

export interface CoverageRow {
  regionCode: string;
  regionName: string;
  sector: Sector;
  whitelistedFen: number;
  totalFen: number | null;
  coverage: number | null;
  belowTarget: boolean;
}

/**
 * Coverage per region (the one asked for and each region below it) and sector on a date:
 * output value (investment) of the enterprises on the list that day over the sector's total
 * entered for the region (the latest entry in force that day; a region with no entry of its own
 * sums its children's).
 */
export async function coverage(svc: WhitelistService, scope: Scope, regionCode: string, onDate: string): Promise<CoverageRow[]> {
  if (!scopeCoversRegion(scope, regionCode) || !svc.regions.name(regionCode) || scope.kind !== 'government') throw errors.notFound('region');
  const end = new Date(`${onDate}T23:59:59.999+08:00`);
  const listedRows = await svc.db
    .select({ regionCode: whitelistMemberships.regionCode, sector: whitelistMemberships.sector, fen: sum(enterprises.outputValueFen) })
    .from(whitelistMemberships)
    .innerJoin(enterprises, eq(enterprises.id, whitelistMemberships.enterpriseId))
    .where(scopeWhere(scope, whitelistMemberships, and(lte(whitelistMemberships.listedAt, end), or(isNull(whitelistMemberships.endedAt), gt(whitelistMemberships.endedAt, end)))))
    .groupBy(whitelistMemberships.regionCode, whitelistMemberships.sector);
  const totalRows = await svc.db
    .selectDistinctOn([sectorTotals.regionCode, sectorTotals.sector], { regionCode: sectorTotals.regionCode, sector: sectorTotals.sector, fen: sectorTotals.totalOutputFen })
    .from(sectorTotals)
    .where(scopeWhere(scope, sectorTotals, lte(sectorTotals.effectiveFrom, onDate)))
    .orderBy(sectorTotals.regionCode, sectorTotals.sector, desc(sectorTotals.effectiveFrom));
  const listed = new Map(listedRows.map((r) => [`${r.regionCode}|${r.sector}`, Number(r.fen ?? 0)]));
  const totals = new Map(totalRows.map((r) => [`${r.regionCode}|${r.sector}`, r.fen]));
  const totalOf = (code: string, s: string): number | null => {
    const own = totals.get(`${code}|${s}`);
    if (own !== undefined) return own;
    const kids = svc.regions.children(code).map((c) => totalOf(c, s)).filter((x): x is number => x !== null);
    return kids.length ? kids.reduce((a, b) => a + b, 0) : null;
  };
  const sectors = scope.sector ? SECTORS.filter((s) => s === scope.sector) : SECTORS;
  const regionsShown = [regionCode, ...svc.regions.children(regionCode)];
  const out: CoverageRow[] = [];
  for (const code of regionsShown) {
    const sub = svc.regions.subtree(code);
    for (const s of sectors) {
      const whitelistedFen = sub.reduce((a, c) => a + (listed.get(`${c}|${s}`) ?? 0), 0);
      const totalFen = totalOf(code, s);
      const cov = totalFen ? whitelistedFen / totalFen : null;
      out.push({ regionCode: code, regionName: svc.regions.name(code), sector: s, whitelistedFen, totalFen, coverage: cov, belowTarget: cov !== null && cov < COVERAGE_TARGET });
    }
  }
  return out;
}

/** The department enters a sector's total for a region from a date on (earlier entries are kept). */
export async function setSectorTotal(svc: WhitelistService, scope: Scope, actor: AuditActor, b: { regionCode: string; sector: Sector; effectiveFrom: string; totalOutputFen: number }) {
  if (scope.kind !== 'government' || !scopeCoversRegion(scope, b.regionCode) || !svc.regions.name(b.regionCode)) throw errors.notFound('region');
  if (scope.sector !== null && scope.sector !== b.sector) throw errors.validation('body.sector', 'outside your sector');
  return svc.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sectorTotals)
      .values({ ...b, enteredBy: actor.name })
      .onConflictDoUpdate({ target: [sectorTotals.regionCode, sectorTotals.sector, sectorTotals.effectiveFrom], set: { totalOutputFen: b.totalOutputFen, enteredBy: actor.name, createdAt: sql`now()` } })
      .returning();
    await recordAudit(tx, actor, { action: 'whitelist.sector_total.set', targetType: 'sector_total', targetId: row!.id, regionCode: b.regionCode, detail: b });
    return row!;
  });
}
