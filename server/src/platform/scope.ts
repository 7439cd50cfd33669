import { and, inArray, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';

/**
 * What a caller may see. Computed once per request from the account, and the only thing a
 * query consults to filter by region, sector or enterprise.
 */
export type Scope =
  | { kind: 'enterprise'; enterpriseId: string; regionCode: string }
  | {
      kind: 'government';
      regionCode: string;
      /** Every region code in the caller's subtree; null means the whole province (no filter needed). */
      regionCodes: readonly string[] | null;
      /** Set for sector-bound staff: they see only their sector's enterprises and records. */
      sector: string | null;
    };

/** The columns of a table that scope filters on; declared once per table by its module. */
export interface ScopeColumns {
  regionCode?: AnyPgColumn;
  enterpriseId?: AnyPgColumn;
  sector?: AnyPgColumn;
}

const registry = new Map<PgTable, ScopeColumns>();

export function registerScopedTable(table: PgTable, columns: ScopeColumns): void {
  registry.set(table, columns);
}

/**
 * The scope condition for a table, ANDed with the caller's own condition. Throws for a table that
 * never declared its scope columns, so a new table cannot be queried unfiltered by mistake.
 */
export function scopeWhere(scope: Scope, table: PgTable, extra?: SQL | undefined): SQL {
  const cols = registry.get(table);
  if (!cols) throw new Error('table has no scope declaration; call registerScopedTable in its module');
  const conds: SQL[] = [];
  if (scope.kind === 'enterprise') {
    // An enterprise sees rows that carry its id; a table without that column is closed to it.
    conds.push(cols.enterpriseId ? eq(cols.enterpriseId, scope.enterpriseId) : sql`false`);
  } else {
    if (scope.regionCodes !== null) {
      conds.push(cols.regionCode ? inArray(cols.regionCode, [...scope.regionCodes]) : sql`false`);
    }
    if (scope.sector !== null && cols.sector) conds.push(eq(cols.sector, scope.sector));
  }
  if (extra) conds.push(extra);
  return and(...conds) ?? sql`true`;
}

export function scopeCoversRegion(scope: Scope, regionCode: string): boolean {
  if (scope.kind === 'enterprise') return scope.regionCode === regionCode;
  return scope.regionCodes === null || scope.regionCodes.includes(regionCode);
}
