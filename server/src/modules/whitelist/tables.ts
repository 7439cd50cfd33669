import { bigint, boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../../platform/scope.js';

/**
 * The enterprise register. The foundation keeps the fields every module needs to scope and
 * label an enterprise; the whitelist workflow (applications, batches, removal) extends it.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid().primaryKey().defaultRandom(),
    uscc: text().notNull().unique(),
    name: text().notNull(),
    kind: text().$type<'enterprise' | 'project' | 'park'>().notNull(),
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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode), index().on(t.sector)],
);
export const SECTORS = ['industry', 'commerce', 'transport', 'culture_tourism', 'key_project'] as const;
export type Sector = (typeof SECTORS)[number];

registerScopedTable(enterprises, { regionCode: enterprises.regionCode, enterpriseId: enterprises.id, sector: enterprises.sector });
