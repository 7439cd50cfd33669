import { index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, boolean } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../../platform/scope.js';
import { registerRetention } from './retention.js';

/** Venue kinds of an enterprise's venue-code tree (场所码): building ⊃ floor ⊃ workshop/area ⊃ door. */
export const VENUE_KINDS = ['building', 'floor', 'workshop', 'area', 'door'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
/** The four drug classes pharmacies report (退热、止咳、抗病毒、抗菌素). */
export const DRUG_CLASSES = ['fever', 'cough', 'antiviral', 'antibiotic'] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];

/** Venue codes: a tree per enterprise; `code` is what the QR code carries and what scans name. */
export const preventionVenues = pgTable(
  'prevention_venues',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    parentId: uuid(),
    name: text().notNull(),
    kind: text().$type<VenueKind>().notNull(),
    unitId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.code), unique().on(t.enterpriseId, t.parentId, t.name).nullsNotDistinct(), index().on(t.regionCode), index().on(t.unitId)],
);

/**
 * People seen by tracing data (scans, purchases) who may not be on any roster: the ID number and
 * phone SM4-encrypted and masked, once per person, so 50 million scans carry only the 64-char hash.
 */
export const preventionTracedPersons = pgTable('prevention_traced_persons', {
  personHash: text().primaryKey(),
  idCardEnc: text().notNull(),
  idCardMasked: text().notNull(),
  phoneEnc: text(),
  phoneMasked: text(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * Venue scans, idempotent by (person, time, venue). The primary key doubles as the person index the
 * tracing query starts from; (venue, time) finds who else was there.
 */
export const preventionVenueScans = pgTable(
  'prevention_venue_scans',
  {
    personHash: text().notNull(),
    scannedAt: timestamp({ withTimezone: true }).notNull(),
    venueCode: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.personHash, t.scannedAt, t.venueCode] }), index().on(t.venueCode, t.scannedAt)],
);

/** Drug purchases of the four classes, one row per purchase id; `alerted` is set once its sentinel alert is raised. */
export const preventionDrugPurchases = pgTable(
  'prevention_drug_purchases',
  {
    purchaseId: text().primaryKey(),
    personHash: text().notNull(),
    drugClass: text().$type<DrugClass>().notNull(),
    pharmacy: text().notNull(),
    purchasedAt: timestamp({ withTimezone: true }).notNull(),
    regionCode: text().notNull(),
    enterpriseId: uuid(),
    alerted: boolean().notNull().default(false),
    runId: uuid(),
  },
  (t) => [index().on(t.regionCode, t.purchasedAt), index().on(t.personHash), index().on(t.enterpriseId)],
);

/** Staging of scan ingests (COPY target on PostgreSQL). No index: it holds only runs in flight. */
export const preventionScanStaging = pgTable('prevention_scan_staging', {
  runId: uuid().notNull(),
  lineNo: integer().notNull(),
  personHash: text().notNull(),
  idCardEnc: text().notNull(),
  idCardMasked: text().notNull(),
  venueCode: text().notNull(),
  scannedAt: timestamp({ withTimezone: true }).notNull(),
});

export const preventionPurchaseStaging = pgTable('prevention_purchase_staging', {
  runId: uuid().notNull(),
  lineNo: integer().notNull(),
  purchaseId: text().notNull(),
  personHash: text().notNull(),
  idCardEnc: text().notNull(),
  idCardMasked: text().notNull(),
  phoneEnc: text(),
  phoneMasked: text(),
  pharmacy: text().notNull(),
  /** the pharmacy's region when the row names one; null: the run's region */
  regionCode: text(),
  drugClass: text().notNull(),
  purchasedAt: timestamp({ withTimezone: true }).notNull(),
});

/** A closed-loop unit's isolation (from/to), set by prevention staff from a tracing result; history kept. */
export const preventionUnitIsolations = pgTable(
  'prevention_unit_isolations',
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid().notNull(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    isolatedFrom: timestamp({ withTimezone: true }).notNull(),
    isolatedUntil: timestamp({ withTimezone: true }),
    reason: text().notNull(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp({ withTimezone: true }),
    liftedBy: text(),
  },
  (t) => [index().on(t.unitId, t.isolatedFrom), index().on(t.enterpriseId)],
);

registerScopedTable(preventionVenues, { regionCode: preventionVenues.regionCode, enterpriseId: preventionVenues.enterpriseId });
registerScopedTable(preventionDrugPurchases, { regionCode: preventionDrugPurchases.regionCode, enterpriseId: preventionDrugPurchases.enterpriseId });
registerScopedTable(preventionUnitIsolations, { regionCode: preventionUnitIsolations.regionCode, enterpriseId: preventionUnitIsolations.enterpriseId });

registerRetention({ name: 'venue_scans', table: 'prevention_venue_scans', timeColumn: 'scanned_at', action: { kind: 'delete' }, windowRule: 'retentionDays' });
registerRetention({ name: 'drug_purchases', table: 'prevention_drug_purchases', timeColumn: 'purchased_at', action: { kind: 'delete' }, windowRule: 'retentionDays' });
// A person no scan or purchase has named for the window has no tracing purpose left.
registerRetention({ name: 'traced_persons', table: 'prevention_traced_persons', timeColumn: 'last_seen_at', action: { kind: 'delete' }, windowRule: 'retentionDays' });
