import { and, inArray, ne, sql } from 'drizzle-orm';
import type { Conn } from '../../platform/db/index.js';
import type { Catalogue, FieldRecord } from '../../platform/rules/index.js';
import { POLICY_ENTERPRISE_FIELDS, POLICY_SOURCE } from '../whitelist/policy-view.js';
import { boothClaims } from './tables.js';

/** Eligibility fields: the enterprise register's, plus what this module itself knows. */
export const POLICY_FIELDS: Catalogue = {
  ...POLICY_ENTERPRISE_FIELDS,
  boughtSamplingBooth: {
    type: 'boolean',
    label: { zh: '自购核酸采样屋', en: 'Bought its own sampling booth' },
    sql: sql`exists (select 1 from ${boothClaims} where ${boothClaims.enterpriseId} = ${POLICY_SOURCE.id} and ${boothClaims.status} <> 'rejected')`,
  },
};

/** This module's facts of the given enterprises, merged into their records. */
export async function ownFacts(conn: Conn, ids: string[]): Promise<Map<string, FieldRecord>> {
  const bought = ids.length ? await conn.selectDistinct({ id: boothClaims.enterpriseId }).from(boothClaims).where(and(inArray(boothClaims.enterpriseId, ids), ne(boothClaims.status, 'rejected'))) : [];
  const set = new Set(bought.map((b) => b.id));
  return new Map(ids.map((id) => [id, { boughtSamplingBooth: set.has(id) }]));
}
