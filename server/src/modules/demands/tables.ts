import { boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { registerScopedTable } from '../../platform/scope.js';

export const DEMAND_CATEGORIES = ['raw_materials', 'labour', 'logistics', 'market', 'policy', 'prevention_supplies', 'other'] as const;
export type DemandCategory = (typeof DEMAND_CATEGORIES)[number];
export const URGENCIES = ['normal', 'urgent', 'public_health'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const DEMAND_STATES = ['received', 'dispatched', 'accepted', 'sent_back', 'in_progress', 'answered', 'revisited', 'verified', 'closed'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];
/** The command level holding a demand; 'leadership' is the provincial leadership (major matters). */
export const LEVELS = ['county', 'city', 'province', 'leadership'] as const;
export type Level = (typeof LEVELS)[number];
// Responsible units are the organisation's (departments, task forces, commands): one definition, in org.
import { UNIT_TYPES, type UnitType } from '../org/tables.js';
export { UNIT_TYPES, type UnitType };

/**
 * A demand (诉求) of an enterprise and where it stands. region_code is the enterprise's region
 * (scope); holder_region_code is the command currently in charge, which moves up on escalation
 * and down when handed back. The unit columns name the responsible unit once dispatched.
 */
export const demands = pgTable(
  'demands',
  {
    id: uuid().primaryKey().defaultRandom(),
    no: serial().notNull(),
    enterpriseId: uuid().notNull(),
    enterpriseName: text().notNull(),
    regionCode: text().notNull(),
    category: text().$type<DemandCategory>().notNull(),
    urgency: text().$type<Urgency>().notNull(),
    complex: boolean().notNull().default(false),
    title: text().notNull(),
    description: text().notNull(),
    contactName: text().notNull(),
    contactPhoneEnc: text().notNull(),
    /** Written with the number: lists show it masked without decrypting (null on rows older than the column). */
    contactPhoneMasked: text(),
    state: text().$type<DemandState>().notNull(),
    level: text().$type<Level>().notNull(),
    holderRegionCode: text().notNull(),
    unitType: text().$type<UnitType>(),
    unitId: uuid(),
    unitLabel: text(),
    /** For a command as unit: its region (its dispatchers handle the demand). */
    unitRegionCode: text(),
    dispatchDeadline: timestamp({ withTimezone: true }),
    answerDeadline: timestamp({ withTimezone: true }),
    /** When each clock's warning is due, and when it went out (a sweep run twice warns once). */
    dispatchWarnAt: timestamp({ withTimezone: true }),
    answerWarnAt: timestamp({ withTimezone: true }),
    dispatchWarnedAt: timestamp({ withTimezone: true }),
    answerWarnedAt: timestamp({ withTimezone: true }),
    overdueSince: timestamp({ withTimezone: true }),
    escalated: boolean().notNull().default(false),
    handedDown: boolean().notNull().default(false),
    major: boolean().notNull().default(false),
    answer: text(),
    rating: integer(),
    solved: boolean(),
    revisitComment: text(),
    commonIssueId: uuid(),
    idempotencyKey: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex().on(t.enterpriseId, t.idempotencyKey),
    index().on(t.enterpriseId, t.createdAt),
    // The unit's queue and the intake queue in the lists' deadline order (routes.ts `order`), so a
    // page is read off the index in order instead of sorting every open demand of the unit.
    index('demands_unit_queue_idx').on(t.unitId, sql`coalesce(${t.answerDeadline}, ${t.dispatchDeadline})`, t.no.desc().nullsFirst()).where(sql`state in ('dispatched', 'accepted', 'in_progress')`),
    index('demands_intake_idx').on(t.holderRegionCode, sql`coalesce(${t.answerDeadline}, ${t.dispatchDeadline})`, t.no.desc().nullsFirst()).where(sql`state in ('received', 'sent_back')`),
    // A county's intake (routes.ts `where`, view intake: holder region, state, and the caller's scope
    // on region_code): its count is index-only and its page is read in the list's order, no sort.
    index('demands_intake_region_idx').on(t.holderRegionCode, t.regionCode, sql`coalesce(${t.answerDeadline}, ${t.dispatchDeadline})`, t.no.desc().nullsFirst()).where(sql`state in ('received', 'sent_back')`),
    // The dispatcher's list: a region's demands newest first; a city's or province's list (many
    // region codes) walks the whole table newest first and stops after the page.
    index('demands_region_created_idx').on(t.regionCode, t.createdAt),
    index('demands_created_idx').on(t.createdAt),
    index('demands_overdue_idx').on(t.overdueSince).where(sql`overdue_since is not null`),
    index().on(t.commonIssueId),
    uniqueIndex().on(t.no),
  ],
);

/** The timeline: every transition with who, when and why. */
export const demandEvents = pgTable(
  'demand_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    demandId: uuid().notNull().references(() => demands.id),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    action: text().notNull(),
    fromState: text(),
    toState: text(),
    level: text(),
    note: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    actorId: uuid(),
    actorName: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.demandId, t.at)],
);

/** Per-command settings: automatic escalation on a breached deadline, and rule overrides. */
export const demandSettings = pgTable('demand_settings', {
  regionCode: text().primaryKey(),
  autoEscalate: boolean().notNull().default(false),
  rules: jsonb().$type<Record<string, unknown>>(),
  updatedBy: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The working-day calendar: public holidays and make-up working days (调休). */
export const demandCalendar = pgTable('demand_calendar', {
  day: date().primaryKey(),
  kind: text().$type<'holiday' | 'workday'>().notNull(),
  name: text().notNull(),
});

/** Liaison cadres (包保干部) paired with enterprises by account: the whitelist holds names only. */
export const liaisonPairings = pgTable(
  'liaison_pairings',
  {
    userId: uuid().notNull(),
    enterpriseId: uuid().notNull(),
    regionCode: text().notNull(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.enterpriseId] }), index().on(t.enterpriseId)],
);

/** A common issue (点办理、批处理): similar demands answered once by a policy owner. */
export const commonIssues = pgTable(
  'demand_common_issues',
  {
    id: uuid().primaryKey().defaultRandom(),
    regionCode: text().notNull(),
    category: text().$type<DemandCategory>().notNull(),
    title: text().notNull(),
    ownerType: text().$type<UnitType>().notNull(),
    ownerId: uuid().notNull(),
    ownerLabel: text().notNull(),
    state: text().$type<'open' | 'closed'>().notNull().default('open'),
    answer: text(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.regionCode)],
);

registerScopedTable(demands, { regionCode: demands.regionCode, enterpriseId: demands.enterpriseId });
registerScopedTable(demandEvents, { regionCode: demandEvents.regionCode, enterpriseId: demandEvents.enterpriseId });
registerScopedTable(demandSettings, { regionCode: demandSettings.regionCode });
registerScopedTable(liaisonPairings, { regionCode: liaisonPairings.regionCode, enterpriseId: liaisonPairings.enterpriseId });
registerScopedTable(commonIssues, { regionCode: commonIssues.regionCode });
