import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../../platform/scope.js';

export const POLICY_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const POLICY_CATEGORIES = [
  'vat_refund', 'tax_fee_reduction', 'fiscal_subsidy', 'credit', 'supply_price', 'social_insurance', 'job_retention', 'employment', 'labour', 'utilities',
] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];
export const POLICY_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const UPTAKE_STATUSES = ['eligible', 'applied', 'approved', 'rejected', 'disbursed'] as const;
export type UptakeStatus = (typeof UPTAKE_STATUSES)[number];
export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/**
 * A policy of the public policy list (政策清单). Its eligibility rule and benefit live in
 * policy_versions; `version` names the current one. A policy is issued by a department of a
 * region and applies to the enterprises of that region's subtree.
 */
export const policies = pgTable(
  'policies',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stable key of demo data, so seeding twice stores once. */
    key: text().unique(),
    regionCode: text().notNull(),
    title: text().notNull(),
    issuingBody: text().notNull(),
    level: text().$type<PolicyLevel>().notNull(),
    documentNumber: text(),
    category: text().$type<PolicyCategory>().notNull(),
    validFrom: date(),
    validTo: date(),
    summary: text().notNull(),
    fullText: text(),
    howToApply: text(),
    consultantName: text(),
    consultantContact: text(),
    status: text().$type<PolicyStatus>().notNull().default('draft'),
    version: integer().notNull().default(1),
    /** Set on the sampling-booth policy: its claims use this rule pack. */
    subsidy: jsonb(),
    publishedAt: timestamp({ withTimezone: true }),
    updatedBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode), index().on(t.status)],
);

/** Each version of a policy's rule and benefit; a published policy's change adds one. */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    policyId: uuid().notNull().references(() => policies.id),
    regionCode: text().notNull(),
    version: integer().notNull(),
    rule: jsonb().notNull(),
    benefit: jsonb().notNull(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.policyId, t.version)],
);

/**
 * One enterprise found eligible for one policy, and its uptake. A match that no longer
 * qualifies is kept with qualifies = false (its uptake history stays).
 *
 * Matching writes hundreds of thousands of rows at once, so the table carries only what its
 * readers need (matching.ts explains the write): the id the uptake routes address, the natural
 * key (matching's diff, per-policy reads), the enterprise (its "my policies"), the region (scoped
 * lists of officials), and the status only where it is not 'eligible' (the few matches with
 * uptake; a plain status index held one value for nearly every row). policy_id has no foreign
 * key: its per-row check cost more than the heap insert itself, policies are never deleted
 * (withdrawn instead), and only matching inserts rows, with the ids of the policies it just read.
 */
export const policyMatches = pgTable(
  'policy_matches',
  {
    id: uuid().primaryKey().defaultRandom(),
    policyId: uuid().notNull(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    sector: text().notNull(),
    policyVersion: integer().notNull(),
    qualifies: boolean().notNull().default(true),
    benefitFen: bigint({ mode: 'number' }),
    status: text().$type<UptakeStatus>().notNull().default('eligible'),
    applicationRef: text(),
    appliedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    decidedBy: text(),
    decidedAt: timestamp({ withTimezone: true }),
    disbursedFen: bigint({ mode: 'number' }),
    disbursedAt: timestamp({ withTimezone: true }),
    matchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    notifiedAt: timestamp({ withTimezone: true }),
    lapsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex().on(t.policyId, t.enterpriseId), index().on(t.enterpriseId), index().on(t.regionCode), index('policy_matches_uptake_status_index').on(t.status).where(sql`${t.status} <> 'eligible'`)],
);

/**
 * What the last whole matching run (every published policy against every enterprise) matched
 * over: a fingerprint of the compiled policies and of every enterprise's eligibility facts. The
 * nightly run that finds the same fingerprint has nothing to change and writes nothing; any
 * partial run (one policy, one enterprise) removes the row, so the next whole run does its work.
 */
export const policyMatchState = pgTable('policy_match_state', {
  key: text().primaryKey(),
  fingerprint: text().notNull(),
  enterprises: integer().notNull(),
  matchedAt: timestamp({ withTimezone: true }).notNull(),
});

/** Sampling-booth purchases filed for the subsidy, with both shares fixed at filing. */
export const boothClaims = pgTable(
  'booth_claims',
  {
    id: uuid().primaryKey().defaultRandom(),
    policyId: uuid().notNull().references(() => policies.id),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    sector: text().notNull(),
    invoiceNumber: text().notNull(),
    invoiceDate: date().notNull(),
    supplier: text().notNull(),
    priceFen: bigint({ mode: 'number' }).notNull(),
    subsidyFen: bigint({ mode: 'number' }).notNull(),
    provinceFen: bigint({ mode: 'number' }).notNull(),
    localFen: bigint({ mode: 'number' }).notNull(),
    rulePack: jsonb().notNull(),
    status: text().$type<ClaimStatus>().notNull().default('submitted'),
    decisionNote: text(),
    decidedBy: text(),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.enterpriseId, t.invoiceNumber), index().on(t.regionCode)],
);

registerScopedTable(policies, { regionCode: policies.regionCode });
registerScopedTable(policyVersions, { regionCode: policyVersions.regionCode });
registerScopedTable(policyMatches, { regionCode: policyMatches.regionCode, enterpriseId: policyMatches.enterpriseId, sector: policyMatches.sector });
registerScopedTable(boothClaims, { regionCode: boothClaims.regionCode, enterpriseId: boothClaims.enterpriseId, sector: boothClaims.sector });
