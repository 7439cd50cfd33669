import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../../platform/scope.js';

/** GB/T 2260 codes, 6 digits; functional zones (航空港区) carry kind 'functional'. */
export const regions = pgTable(
  'regions',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    level: text().$type<RegionLevel>().notNull(),
    kind: text().$type<'admin' | 'functional'>().notNull().default('admin'),
    parentCode: text(),
    sort: integer().notNull().default(0),
  },
  (t) => [index().on(t.parentCode)],
);
export type RegionLevel = 'province' | 'city' | 'county';

export const departments = pgTable(
  'departments',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stable key of the seed data (region:kind) so re-seeding is idempotent. */
    key: text().notNull().unique(),
    regionCode: text()
      .notNull()
      .references(() => regions.code),
    kind: text().notNull(),
    name: text().notNull(),
  },
  (t) => [index().on(t.regionCode)],
);

export const commands = pgTable('commands', {
  id: uuid().primaryKey().defaultRandom(),
  key: text().notNull().unique(),
  regionCode: text()
    .notNull()
    .references(() => regions.code),
  name: text().notNull(),
  officeDepartmentId: uuid().references(() => departments.id),
  officeLocation: text().notNull(),
});

export const commandMembers = pgTable(
  'command_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    commandId: uuid()
      .notNull()
      .references(() => commands.id, { onDelete: 'cascade' }),
    position: text().$type<'commander' | 'first_deputy' | 'deputy' | 'member'>().notNull(),
    name: text().notNull(),
    title: text().notNull(),
    sort: integer().notNull().default(0),
  },
  (t) => [index().on(t.commandId)],
);

export const taskForces = pgTable(
  'task_forces',
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull().unique(),
    commandId: uuid()
      .notNull()
      .references(() => commands.id, { onDelete: 'cascade' }),
    regionCode: text().notNull(),
    kind: text().notNull(),
    name: text().notNull(),
    /** The sector a sector-bound task force serves; null for coordination, prevention, supervision. */
    sector: text(),
    leadDepartmentId: uuid().references(() => departments.id),
    officeLocation: text().notNull(),
    responsibilities: text().notNull(),
    sort: integer().notNull().default(0),
  },
  (t) => [index().on(t.commandId), index().on(t.regionCode)],
);

export const taskForceMembers = pgTable(
  'task_force_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    taskForceId: uuid()
      .notNull()
      .references(() => taskForces.id, { onDelete: 'cascade' }),
    position: text().$type<'leader' | 'deputy' | 'office_director' | 'liaison_officer'>().notNull(),
    name: text().notNull(),
    title: text().notNull(),
    sort: integer().notNull().default(0),
  },
  (t) => [index().on(t.taskForceId)],
);

registerScopedTable(regions, { regionCode: regions.code });
registerScopedTable(departments, { regionCode: departments.regionCode });
registerScopedTable(commands, { regionCode: commands.regionCode });
registerScopedTable(taskForces, { regionCode: taskForces.regionCode });

/** The kinds of unit that answer for work (demands, tasks, supervision notices). */
export const UNIT_TYPES = ['department', 'task_force', 'command'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
