import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../../platform/scope.js';

export const SECTORS = ['industry', 'commerce', 'transport', 'culture_tourism', 'key_project'] as const;
export type Sector = (typeof SECTORS)[number];
export const ENTERPRISE_KINDS = ['enterprise', 'project', 'park'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];
export const SERVICE_TIERS = ['province', 'city', 'county'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];
export const LISTING_STATUSES = ['not_listed', 'listed', 'removed', 'suspended'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
/**
 * Tax credit rating (纳税信用等级) as the tax authority grades it: A, B, M (new or small, no full
 * year of records), C, D. Null while an enterprise has none on file.
 */
export const TAX_CREDIT_RATINGS = ['A', 'B', 'M', 'C', 'D'] as const;
export type TaxCreditRating = (typeof TAX_CREDIT_RATINGS)[number];
export const APPLICATION_STATUSES = ['submitted', 'auto_admitted', 'pending_review', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * The enterprise register: the fields every module needs to scope and label an enterprise, and
 * the profile the whitelist criteria look at. The enterprise maintains its own profile; each
 * change is kept in enterprise_profile_versions.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid().primaryKey().defaultRandom(),
    uscc: text().notNull().unique(),
    name: text().notNull(),
    kind: text().$type<EnterpriseKind>().notNull(),
    sector: text().$type<Sector>().notNull(),
    cityOperationSupport: boolean().notNull().default(false),
    regionCode: text().notNull(),
    legalRepresentative: text().notNull(),
    contactName: text(),
    contactPhoneEnc: text(),
    employees: integer().notNull().default(0),
    /** Output value (investment for a project) in integer fen. */
    outputValueFen: bigint({ mode: 'number' }).notNull().default(0),
    dormitoryCapacity: integer().notNull().default(0),
    closedLoopCapacity: integer().notNull().default(0),
    hasPreventionPlan: boolean().notNull().default(false),
    hasTaskForce: boolean().notNull().default(false),
    competentDepartment: text(),
    liaisonCadres: text(),
    pairedMedicalInstitution: text(),
    preventionStaff: integer().notNull().default(0),
    /** Tax status, an eligibility fact of policies: the rating and whether taxes are in arrears (欠税). */
    taxCreditRating: text().$type<TaxCreditRating>(),
    taxArrears: boolean().notNull().default(false),
    serviceTier: text().$type<ServiceTier>(),
    listingStatus: text().$type<ListingStatus>().notNull().default('not_listed'),
    profileVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode), index().on(t.sector), index().on(t.listingStatus)],
);

/** Every saved change of an enterprise's profile, with the fields that changed. */
export const enterpriseProfileVersions = pgTable(
  'enterprise_profile_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull().references(() => enterprises.id),
    regionCode: text().notNull(),
    sector: text().notNull(),
    version: integer().notNull(),
    changes: jsonb().$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
    changedBy: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.enterpriseId, t.version)],
);

/** Selection criteria of one sector in one region, published by its competent department. */
export const whitelistCriteria = pgTable(
  'whitelist_criteria',
  {
    id: uuid().primaryKey().defaultRandom(),
    regionCode: text().notNull(),
    sector: text().$type<Sector>().notNull(),
    title: text().notNull(),
    rule: jsonb().notNull(),
    /** 达标即入: an application meeting every condition is admitted without review. */
    autoAdmit: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    updatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.regionCode, t.sector)],
);

/** An enterprise's application; one per enterprise, amended and re-submitted in place. */
export const whitelistApplications = pgTable(
  'whitelist_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull().unique().references(() => enterprises.id),
    regionCode: text().notNull(),
    sector: text().$type<Sector>().notNull(),
    status: text().$type<ApplicationStatus>().notNull(),
    criteriaId: uuid(),
    criteriaVersion: integer(),
    checkResult: jsonb(),
    checkPassed: boolean().notNull().default(false),
    /** Linked partner (链式保障) of a whitelisted firm: reviewed first. */
    priority: boolean().notNull().default(false),
    statement: text(),
    decisionReason: text(),
    decidedBy: text(),
    round: integer().notNull().default(1),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.regionCode), index().on(t.status)],
);

/** The history of an enterprise on the whitelist: applications, decisions, removal, re-admission. */
export const whitelistHistory = pgTable(
  'whitelist_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull().references(() => enterprises.id),
    regionCode: text().notNull(),
    sector: text().notNull(),
    event: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    note: text(),
    detail: jsonb(),
    actorName: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.enterpriseId)],
);

/** Periods on the whitelist, so coverage can be computed for any past date. */
export const whitelistMemberships = pgTable(
  'whitelist_memberships',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull().references(() => enterprises.id),
    regionCode: text().notNull(),
    sector: text().notNull(),
    listedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.enterpriseId), index().on(t.regionCode, t.sector)],
);

/** A published batch (成熟一批、推出一批) of one sector in one region. */
export const whitelistBatches = pgTable(
  'whitelist_batches',
  {
    id: uuid().primaryKey().defaultRandom(),
    regionCode: text().notNull(),
    sector: text().$type<Sector>().notNull(),
    number: integer().notNull(),
    title: text().notNull(),
    publishedOn: date().notNull(),
    publishedBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.regionCode, t.sector, t.number)],
);

export const whitelistBatchItems = pgTable(
  'whitelist_batch_items',
  {
    batchId: uuid().notNull().references(() => whitelistBatches.id),
    enterpriseId: uuid().notNull().unique().references(() => enterprises.id),
    regionCode: text().notNull(),
    sector: text().notNull(),
  },
  (t) => [index().on(t.batchId)],
);

/** Spot checks of dynamic adjustment: who checked, when, what was found. */
export const spotChecks = pgTable(
  'whitelist_spot_checks',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull().references(() => enterprises.id),
    regionCode: text().notNull(),
    sector: text().notNull(),
    checkedOn: date().notNull(),
    checker: text().notNull(),
    findings: text().notNull(),
    passed: boolean().notNull(),
    recordedBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.enterpriseId)],
);

/** Supply-chain links (链式保障): partners an enterprise names upstream or downstream. */
export const supplyLinks = pgTable(
  'whitelist_supply_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull().references(() => enterprises.id),
    regionCode: text().notNull(),
    sector: text().notNull(),
    direction: text().$type<'upstream' | 'downstream'>().notNull(),
    partnerName: text().notNull(),
    partnerUscc: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.enterpriseId, t.partnerUscc), index().on(t.partnerUscc)],
);

/** A sector's total output value (investment) in a region, from a date on; history is kept. */
export const sectorTotals = pgTable(
  'whitelist_sector_totals',
  {
    id: uuid().primaryKey().defaultRandom(),
    regionCode: text().notNull(),
    sector: text().$type<Sector>().notNull(),
    effectiveFrom: date().notNull(),
    totalOutputFen: bigint({ mode: 'number' }).notNull(),
    enteredBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.regionCode, t.sector, t.effectiveFrom)],
);

registerScopedTable(enterprises, { regionCode: enterprises.regionCode, enterpriseId: enterprises.id, sector: enterprises.sector });
for (const t of [enterpriseProfileVersions, whitelistApplications, whitelistHistory, whitelistMemberships, whitelistBatchItems, spotChecks, supplyLinks]) {
  registerScopedTable(t, { regionCode: t.regionCode, enterpriseId: t.enterpriseId, sector: t.sector });
}
registerScopedTable(whitelistCriteria, { regionCode: whitelistCriteria.regionCode, sector: whitelistCriteria.sector });
registerScopedTable(whitelistBatches, { regionCode: whitelistBatches.regionCode, sector: whitelistBatches.sector });
registerScopedTable(sectorTotals, { regionCode: sectorTotals.regionCode, sector: sectorTotals.sector });
