import { asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { containsPattern } from '../../platform/schemas.js';
import type { Conn } from '../../platform/db/index.js';
import type { Catalogue, FieldRecord } from '../../platform/rules/index.js';
import { ENTERPRISE_FIELDS, enterpriseRecord } from './catalogue.js';
import { enterprises } from './tables.js';

/**
 * What the policies module may read of the enterprise register, without touching the
 * whitelist's tables itself: the fields eligibility rules test, the source to match over in
 * one SQL statement, and the facts of given enterprises for the in-memory reference evaluation.
 */
const e = enterprises;

/** The enterprise id, region and sector columns of the matching source, for SELECT lists. */
export const POLICY_SOURCE = {
  table: enterprises,
  id: sql`${e.id}`,
  regionCode: sql`${e.regionCode}`,
  sector: sql`${e.sector}`,
} as const;

/** Eligibility fields: the whitelist's enterprise fields, region (county and city) and listing. */
export const POLICY_ENTERPRISE_FIELDS: Catalogue = {
  ...ENTERPRISE_FIELDS,
  countyCode: { type: 'text', label: { zh: '所在县（市、区）代码', en: 'County code' }, sql: sql`${e.regionCode}` },
  cityCode: { type: 'text', label: { zh: '所在省辖市代码', en: 'City code' }, sql: sql`(substr(${e.regionCode}, 1, 4) || '00')` },
  listed: { type: 'boolean', label: { zh: '白名单企业', en: 'On the whitelist' }, sql: sql`(${e.listingStatus} in ('listed', 'suspended'))` },
};

export interface PolicyEnterprise {
  id: string;
  name: string;
  uscc: string;
  regionCode: string;
  sector: string;
  record: FieldRecord;
}

function toPolicyEnterprise(row: typeof enterprises.$inferSelect): PolicyEnterprise {
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    regionCode: row.regionCode,
    sector: row.sector,
    record: {
      ...enterpriseRecord(row),
      countyCode: row.regionCode,
      cityCode: `${row.regionCode.slice(0, 4)}00`,
      listed: row.listingStatus === 'listed' || row.listingStatus === 'suspended',
    },
  };
}

/** The facts of the given enterprises the caller may see, as rule-engine records. */
export async function policyEnterprises(conn: Conn, scope: Scope, ids: string[]): Promise<PolicyEnterprise[]> {
  if (!ids.length) return [];
  const rows = await conn.select().from(enterprises).where(scopeWhere(scope, enterprises, inArray(enterprises.id, ids)));
  return rows.map(toPolicyEnterprise);
}

/** Enterprises of a region subtree (or all), a page at a time, for the preview picker. */
export async function searchPolicyEnterprises(conn: Conn, scope: Scope, q: string | undefined, limit: number): Promise<{ id: string; name: string; uscc: string; regionCode: string }[]> {
  const cond = q ? or(ilike(e.name, containsPattern(q)), eq(e.uscc, q.toUpperCase())) : undefined;
  return conn.select({ id: e.id, name: e.name, uscc: e.uscc, regionCode: e.regionCode }).from(enterprises).where(scopeWhere(scope, enterprises, cond)).orderBy(asc(e.name)).limit(limit);
}

/** Name and code of enterprises, for lists and exports. */
export async function enterpriseNames(conn: Conn, ids: string[]): Promise<Map<string, { name: string; uscc: string }>> {
  if (!ids.length) return new Map();
  const rows = await conn.select({ id: e.id, name: e.name, uscc: e.uscc }).from(enterprises).where(inArray(e.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, uscc: r.uscc }]));
}

export { SECTORS } from './tables.js';
