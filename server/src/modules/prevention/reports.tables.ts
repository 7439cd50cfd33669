import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../../platform/scope.js';
import { registerRetention } from './retention.js';

/** Symptoms a daily report records per person (the guide's 日常健康监测: 出现疑似症状及时就医). */
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_smell', 'other'] as const;
export type Symptom = (typeof SYMPTOMS)[number];
/** What was done about an abnormal person. */
export const HEALTH_MEASURES = ['observation', 'isolation', 'hospital', 'none'] as const;
export type HealthMeasure = (typeof HEALTH_MEASURES)[number];

/**
 * The daily health report (日报告) of one enterprise for one day in Asia/Shanghai; a zero report
 * (零报告) is one with `zero` set and no abnormal person. One row per enterprise and day: filing
 * again the same day replaces it.
 */
export const preventionDailyReports = pgTable(
  'prevention_daily_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    zero: boolean().notNull(),
    onSite: integer().notNull(),
    symptomatic: integer().notNull().default(0),
    isolated: integer().notNull().default(0),
    observation: integer().notNull().default(0),
    /** Free text about the staff's health: SM4-encrypted like any health data. */
    noteEnc: text(),
    filedBy: text(),
    filedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.enterpriseId, t.day), index().on(t.regionCode, t.day)],
);

/** The people with abnormal health in a report, each a roster employee; the details are encrypted. */
export const preventionDailyReportPersons = pgTable(
  'prevention_daily_report_persons',
  {
    id: uuid().primaryKey().defaultRandom(),
    reportId: uuid().notNull(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    employeeId: uuid().notNull(),
    /** The symptoms (comma-separated codes) and the free-text detail, SM4-encrypted together. */
    healthEnc: text().notNull(),
    measure: text().$type<HealthMeasure>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.reportId), uniqueIndex().on(t.reportId, t.employeeId)],
);

export const RISK_LEVELS = ['medium', 'high', 'static'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Risk areas (中高风险地区 and 静态管理区域), kept by prevention staff: a county-level area code
 * (a code ending in 00 or 0000 covers its whole city or province) with its level and dates.
 * The list is province-wide public information, so it is not scoped.
 */
export const preventionRiskAreas = pgTable(
  'prevention_risk_areas',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    level: text().$type<RiskLevel>().notNull(),
    fromDay: date({ mode: 'string' }).notNull(),
    /** Last day in force; null while it lasts. */
    toDay: date({ mode: 'string' }),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.code)],
);

export const ARRIVAL_PERSON_KINDS = ['visitor', 'returning_employee'] as const;
export type ArrivalPersonKind = (typeof ARRIVAL_PERSON_KINDS)[number];
/** host: the host enterprise filed it; found: prevention staff recorded it from another source. */
export const ARRIVAL_SOURCES = ['host', 'found'] as const;
export type ArrivalSource = (typeof ARRIVAL_SOURCES)[number];
export const ARRIVAL_DECISIONS = ['quarantine', 'test'] as const;
export type ArrivalDecision = (typeof ARRIVAL_DECISIONS)[number];

/**
 * Arrival reports (入豫报备): one per host enterprise, person (keyed hash of the ID number) and
 * arrival day. The decision (red code and central quarantine, or a test within arrivalTestHours)
 * is stored and re-decided whenever the risk-area list changes.
 */
export const preventionArrivals = pgTable(
  'prevention_arrivals',
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
    personKind: text().$type<ArrivalPersonKind>().notNull(),
    originCode: text().notNull(),
    originName: text().notNull(),
    route: text().notNull(),
    purpose: text().notNull(),
    arrivalAt: timestamp({ withTimezone: true }).notNull(),
    arrivalDay: date({ mode: 'string' }).notNull(),
    source: text().$type<ArrivalSource>().notNull(),
    /** Reported after the arrival day, or found from another source: needs a check. */
    late: boolean().notNull().default(false),
    employeeId: uuid(),
    decision: text().$type<ArrivalDecision>().notNull(),
    riskAreaId: uuid(),
    quarantineUntil: timestamp({ withTimezone: true }),
    testDueAt: timestamp({ withTimezone: true }),
    reportedBy: text(),
    reportedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.enterpriseId, t.idCardHash, t.arrivalDay),
    index().on(t.regionCode, t.arrivalAt),
    index().on(t.idCardHash),
    index().on(t.employeeId),
  ],
);

registerScopedTable(preventionDailyReports, { regionCode: preventionDailyReports.regionCode, enterpriseId: preventionDailyReports.enterpriseId });
registerScopedTable(preventionDailyReportPersons, { regionCode: preventionDailyReportPersons.regionCode, enterpriseId: preventionDailyReportPersons.enterpriseId });
registerScopedTable(preventionArrivals, { regionCode: preventionArrivals.regionCode, enterpriseId: preventionArrivals.enterpriseId });

// Health and arrival reports serve tracing only: deleted after the rule pack's window.
registerRetention({ name: 'daily_report_persons', table: 'prevention_daily_report_persons', timeColumn: 'created_at', action: { kind: 'delete' }, windowRule: 'retentionDays' });
registerRetention({ name: 'daily_reports', table: 'prevention_daily_reports', timeColumn: 'filed_at', action: { kind: 'anonymise', set: { note_enc: 'NULL' } }, windowRule: 'retentionDays' });
registerRetention({ name: 'arrivals', table: 'prevention_arrivals', timeColumn: 'arrival_at', action: { kind: 'delete' }, windowRule: 'retentionDays' });
