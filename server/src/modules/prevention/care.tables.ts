import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../../platform/scope.js';
import { registerRetention } from './retention.js';
import { CASE_STATES, type CaseAction, type CaseState } from './case-states.js';

export { CASE_STATES };

/**
 * Observation points (临时留观点 / 观察宿舍) of an enterprise: how many single rooms each has. Occupancy is never
 * stored: it is the number of suspected cases placed there and not yet closed.
 */
export const preventionObservationPoints = pgTable(
  'prevention_observation_points',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    name: text().notNull(),
    rooms: integer().notNull(),
    note: text(),
    updatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.enterpriseId, t.name), index().on(t.regionCode)],
);

/** Suspected cases (疑似症状人员或初筛阳性): one person's way from being flagged to returning to post or being confirmed. */
export const preventionSuspectedCases = pgTable(
  'prevention_suspected_cases',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    employeeId: uuid().notNull(),
    /** Copied from the roster, masked: the list never needs the roster's clear data. */
    nameMasked: text().notNull(),
    idCardMasked: text().notNull(),
    /** Health details (reason, symptoms) SM4-encrypted. */
    reasonEnc: text().notNull(),
    state: text().$type<CaseState>().notNull().default('flagged'),
    observationPointId: uuid(),
    observedAt: timestamp({ withTimezone: true }),
    /** observedAt + rule pack retestHours: an alert is raised once this passes without a re-test. */
    retestDueAt: timestamp({ withTimezone: true }),
    quietStartedAt: timestamp({ withTimezone: true }),
    /** Days of the quiet period with a negative daily test so far. */
    quietTests: integer().notNull().default(0),
    lastTestAt: timestamp({ withTimezone: true }),
    flaggedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    flaggedBy: text(),
    closedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode, t.state), index().on(t.enterpriseId, t.state), index().on(t.observationPointId, t.state), index().on(t.employeeId)],
);

/** The timeline of a case: every step with who, when and an (encrypted) note. */
export const preventionCaseEvents = pgTable(
  'prevention_case_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => preventionSuspectedCases.id, { onDelete: 'cascade' }),
    action: text().$type<CaseAction | 'flag'>().notNull(),
    fromState: text().$type<CaseState>(),
    toState: text().$type<CaseState>().notNull(),
    noteEnc: text(),
    actorName: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId, t.at)],
);

/** Prevention supplies in stock per enterprise (masks, test kits, disinfectant, …) with a safety stock. */
export const preventionSupplies = pgTable(
  'prevention_supplies',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    item: text().notNull(),
    unit: text().notNull(),
    quantity: integer().notNull(),
    safetyStock: integer().notNull().default(0),
    updatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.enterpriseId, t.item), index().on(t.regionCode)],
);

/** One run of the retention job: what each target deleted or anonymised. */
export const preventionRetentionRuns = pgTable('prevention_retention_runs', {
  id: uuid().primaryKey().defaultRandom(),
  ranAt: timestamp({ withTimezone: true }).notNull(),
  retentionDays: integer().notNull(),
  counts: jsonb().$type<Record<string, number>>().notNull(),
});

registerScopedTable(preventionObservationPoints, { regionCode: preventionObservationPoints.regionCode, enterpriseId: preventionObservationPoints.enterpriseId });
registerScopedTable(preventionSuspectedCases, { regionCode: preventionSuspectedCases.regionCode, enterpriseId: preventionSuspectedCases.enterpriseId });
registerScopedTable(preventionSupplies, { regionCode: preventionSupplies.regionCode, enterpriseId: preventionSupplies.enterpriseId });

// Closed cases hold health data: deleted (with their timeline, by cascade) once the window has passed since closing.
// Open cases have no closed_at and are kept.
registerRetention({ name: 'suspected_cases', table: 'prevention_suspected_cases', timeColumn: 'closed_at', action: { kind: 'delete' }, windowRule: 'retentionDays' });
