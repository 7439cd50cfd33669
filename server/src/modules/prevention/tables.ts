import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../../platform/scope.js';
import { registerRetention } from './retention.js';

/** Post kinds decide the test interval (rules.ts): mobile/contact posts and city supply workers test more often. */
export const POST_KINDS = ['regular', 'mobile_contact', 'city_supply'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const EMPLOYEE_STATUSES = ['active', 'on_leave', 'isolated', 'left'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];
export const UNIT_KINDS = ['workshop', 'office', 'warehouse', 'dormitory', 'logistics', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const TEST_RESULTS = ['negative', 'positive'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];
export const INGEST_STATUSES = ['running', 'completed', 'failed'] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];

/** The rule pack's overrides of the 2022 defaults (one row, id 1). */
export const preventionSettings = pgTable('prevention_settings', {
  id: integer().primaryKey(),
  rules: jsonb().$type<Record<string, unknown>>().notNull(),
  updatedBy: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Regions currently in an emergency state. The emergency response belongs to a later module; until
 * it exists prevention staff maintain this list, and the compliance rules read only this table.
 */
export const preventionEmergencyRegions = pgTable('prevention_emergency_regions', {
  regionCode: text().primaryKey(),
  since: timestamp({ withTimezone: true }).notNull().defaultNow(),
  note: text(),
  declaredBy: text(),
});

/** Closed-loop units (bubbles) of an enterprise: a positive case isolates one unit, the rest keep producing. */
export const preventionUnits = pgTable(
  'prevention_units',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    name: text().notNull(),
    kind: text().$type<UnitKind>().notNull().default('workshop'),
    isolated: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.enterpriseId, t.name), index().on(t.regionCode)],
);

/**
 * The employee roster. ID numbers and phones are stored SM4-encrypted, found by their keyed SM3
 * hash; last_negative_at is kept by the ingest merge so compliance needs no scan of the results.
 */
export const preventionEmployees = pgTable(
  'prevention_employees',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    name: text().notNull(),
    idCardEnc: text().notNull(),
    idCardHash: text().notNull(),
    idCardMasked: text().notNull(),
    phoneEnc: text(),
    phoneMasked: text(),
    post: text().notNull(),
    postKind: text().$type<PostKind>().notNull().default('regular'),
    unitId: uuid(),
    dormitory: text(),
    status: text().$type<EmployeeStatus>().notNull().default('active'),
    lastNegativeAt: timestamp({ withTimezone: true }),
    lastPositiveAt: timestamp({ withTimezone: true }),
    /** Arrival (入豫报备) awaiting its test: due arrivalTestHours after it unless a negative test follows it. */
    lastArrivalAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.enterpriseId, t.idCardHash), index().on(t.idCardHash), index().on(t.regionCode), index().on(t.unitId)],
);

/** PCR-test results, one row per sample id; the person is kept only as the keyed hash of the ID number. */
export const preventionTestResults = pgTable(
  'prevention_test_results',
  {
    sampleId: text().primaryKey(),
    idCardHash: text().notNull(),
    sampledAt: timestamp({ withTimezone: true }).notNull(),
    result: text().$type<TestResult>().notNull(),
    institution: text().notNull(),
    runId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.idCardHash, t.sampledAt), index().on(t.sampledAt)],
);

/** One ingest of one file: its status makes a re-run of the same file complete it, nothing twice. */
export const preventionIngestRuns = pgTable(
  'prevention_ingest_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull().default('test_results'),
    source: text().$type<'api' | 'upload'>().notNull(),
    format: text().$type<'csv' | 'jsonl'>().notNull(),
    fileName: text(),
    sha256: text().notNull(),
    bytes: bigint({ mode: 'number' }).notNull().default(0),
    status: text().$type<IngestStatus>().notNull().default('running'),
    rows: integer().notNull().default(0),
    merged: integer().notNull().default(0),
    duplicates: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    error: text(),
    regionCode: text().notNull(),
    createdBy: text(),
    apiKeyId: uuid(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex().on(t.kind, t.sha256), index().on(t.regionCode, t.startedAt)],
);

/** Staging rows of a run before the merge (on PostgreSQL filled by COPY). */
export const preventionIngestStaging = pgTable(
  'prevention_ingest_staging',
  {
    runId: uuid().notNull(),
    lineNo: integer().notNull(),
    sampleId: text().notNull(),
    idCardHash: text().notNull(),
    sampledAt: timestamp({ withTimezone: true }).notNull(),
    result: text().notNull(),
    institution: text().notNull(),
  },
  // No index: the table holds only runs in flight, and an index would slow the COPY.
);

/** Rejected rows with their reason, downloadable by whoever may see the run. */
export const preventionIngestRejects = pgTable(
  'prevention_ingest_rejects',
  {
    runId: uuid().notNull(),
    lineNo: integer().notNull(),
    reason: text().notNull(),
    regionCode: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.lineNo] })],
);

/** Machine credentials for testing institutions: only the SM3 hash of the key is kept. */
export const preventionApiKeys = pgTable(
  'prevention_api_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull(),
    regionCode: text().notNull(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex().on(t.keyHash), index().on(t.regionCode)],
);

registerScopedTable(preventionUnits, { regionCode: preventionUnits.regionCode, enterpriseId: preventionUnits.enterpriseId });
registerScopedTable(preventionEmployees, { regionCode: preventionEmployees.regionCode, enterpriseId: preventionEmployees.enterpriseId });
registerScopedTable(preventionIngestRuns, { regionCode: preventionIngestRuns.regionCode });
registerScopedTable(preventionIngestRejects, { regionCode: preventionIngestRejects.regionCode });
registerScopedTable(preventionApiKeys, { regionCode: preventionApiKeys.regionCode });
registerScopedTable(preventionEmergencyRegions, { regionCode: preventionEmergencyRegions.regionCode });

export const ALERT_KINDS = ['overdue_test', 'missing_daily_report', 'arrival_not_reported', 'retest_overdue', 'drug_purchase'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** What an alert says; each kind fills its own keys (overdue_test: overdue and total; drug_purchase: purchaseId, drugClass, pharmacy, purchasedAt, idCardMasked). */
export type AlertDetail = { day: string; overdue?: number; total?: number } & Record<string, string | number | null>;

/** Sentinel alerts (电子哨): raised once per dedupe key, acknowledged and resolved with a note. */
export const preventionAlerts = pgTable(
  'prevention_alerts',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<AlertKind>().notNull(),
    dedupeKey: text().notNull(),
    // Null for a drug purchase by someone on no roster: it goes to the region's prevention staff only.
    enterpriseId: uuid(),
    regionCode: text().notNull(),
    detail: jsonb().$type<AlertDetail>().notNull(),
    status: text().$type<AlertStatus>().notNull().default('open'),
    note: text(),
    raisedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: text(),
  },
  (t) => [uniqueIndex().on(t.dedupeKey), index().on(t.regionCode, t.status), index().on(t.enterpriseId, t.status)],
);
registerScopedTable(preventionAlerts, { regionCode: preventionAlerts.regionCode, enterpriseId: preventionAlerts.enterpriseId });

// Retention (PIPL): test results are tracing data, deleted after the window; staging and rejects of old runs too
// (a crashed run leaves hashed ID numbers in staging). The roster's last_negative_at keeps compliance working.
registerRetention({ name: 'test_results', table: 'prevention_test_results', timeColumn: 'sampled_at', action: { kind: 'delete' }, windowRule: 'retentionDays' });
registerRetention({ name: 'ingest_staging', table: 'prevention_ingest_staging', timeColumn: 'started_at', parent: { table: 'prevention_ingest_runs', key: 'id', via: 'run_id' }, action: { kind: 'delete' }, windowRule: 'retentionDays' });
registerRetention({ name: 'ingest_rejects', table: 'prevention_ingest_rejects', timeColumn: 'started_at', parent: { table: 'prevention_ingest_runs', key: 'id', via: 'run_id' }, action: { kind: 'delete' }, windowRule: 'retentionDays' });
