import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { registerScopedTable } from '../../platform/scope.js';

// Responsible units are the organisation's (departments, task forces, commands): one definition, in org.
import { UNIT_TYPES, type UnitType } from '../org/tables.js';
export { UNIT_TYPES, type UnitType };
export const ASSIGNMENT_STATES = ['assigned', 'in_progress', 'submitted', 'returned', 'accepted', 'cancelled'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
export const NOTICE_STATES = ['issued', 'replied', 'closed', 'overdue'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const ITEM_KINDS = ['demand', 'task'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Work a command (工作交办) assigns to units of its region; regionCode is the command's region. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    commandId: uuid().notNull(),
    regionCode: text().notNull(),
    title: text().notNull(),
    requirement: text().notNull(),
    deadline: timestamp({ withTimezone: true }).notNull(),
    /** The client's idempotency key: sending the same assignment twice stores one task. */
    requestKey: text(),
    createdById: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode, t.createdAt), uniqueIndex().on(t.commandId, t.requestKey)],
);

/**
 * One task's assignment to one unit. regionCode is the unit's region (inside the command's
 * subtree), so a lower-level command sees the assignments made to it.
 */
export const taskAssignments = pgTable(
  'task_assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    regionCode: text().notNull(),
    /** The assigning command's region: supervision and the weekly report count by it. */
    commandRegionCode: text().notNull(),
    unitType: text().$type<UnitType>().notNull(),
    unitId: uuid().notNull(),
    unitLabel: text().notNull(),
    state: text().$type<AssignmentState>().notNull().default('assigned'),
    deadline: timestamp({ withTimezone: true }).notNull(),
    lastNote: text(),
    /** When the deadline warning went out, so the sweep warns once. */
    warnedAt: timestamp({ withTimezone: true }),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.taskId, t.unitType, t.unitId),
    index().on(t.unitType, t.unitId, t.state),
    index().on(t.commandRegionCode, t.state, t.deadline),
    index().on(t.regionCode),
    // The overdue board reads open assignments by deadline, most overdue first.
    index('task_assignments_open_deadline').on(t.deadline).where(sql`state in ('assigned', 'in_progress', 'submitted', 'returned')`),
  ],
);

/** Every step of an assignment: who, when, why, with the evidence text. */
export const taskEvents = pgTable(
  'task_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    assignmentId: uuid()
      .notNull()
      .references(() => taskAssignments.id, { onDelete: 'cascade' }),
    taskId: uuid().notNull(),
    regionCode: text().notNull(),
    action: text().notNull(),
    fromState: text(),
    toState: text().notNull(),
    note: text(),
    actorId: uuid(),
    actorName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.assignmentId, t.at)],
);

/** A supervision notice (督办单) to the unit responsible for a late demand or task. */
export const supervisionNotices = pgTable(
  'supervision_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemKind: text().$type<ItemKind>().notNull(),
    itemId: uuid().notNull(),
    itemTitle: text().notNull(),
    itemLink: text().notNull(),
    regionCode: text().notNull(),
    unitType: text().$type<UnitType>().notNull(),
    unitId: uuid().notNull(),
    unitLabel: text().notNull(),
    requirement: text().notNull(),
    replyDeadline: timestamp({ withTimezone: true }).notNull(),
    state: text().$type<NoticeState>().notNull().default('issued'),
    reply: text(),
    repliedAt: timestamp({ withTimezone: true }),
    repliedByName: text(),
    closeNote: text(),
    closedAt: timestamp({ withTimezone: true }),
    warnedAt: timestamp({ withTimezone: true }),
    issuedById: uuid(),
    issuedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.regionCode, t.createdAt),
    index().on(t.unitType, t.unitId, t.state),
    // One open notice per item: issuing it again answers the open one.
    uniqueIndex('supervision_notices_open_item').on(t.itemKind, t.itemId).where(sql`state in ('issued', 'overdue')`),
  ],
);

/** The steps of a notice (issue, reply, return, close, expire). */
export const noticeEvents = pgTable(
  'supervision_notice_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => supervisionNotices.id, { onDelete: 'cascade' }),
    regionCode: text().notNull(),
    action: text().notNull(),
    fromState: text(),
    toState: text().notNull(),
    note: text(),
    actorName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.noticeId, t.at)],
);

/** The weekly supervision report (督查督办周报告) of one command for one week, kept for ever. */
export const weeklyReports = pgTable(
  'weekly_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    commandId: uuid().notNull(),
    regionCode: text().notNull(),
    /** The report's Friday (Asia/Shanghai calendar date). */
    weekOf: date().notNull(),
    periodFrom: timestamp({ withTimezone: true }).notNull(),
    periodTo: timestamp({ withTimezone: true }).notNull(),
    data: jsonb().$type<WeeklyReportData>().notNull(),
    generatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    generatedBy: text().notNull(),
  },
  (t) => [uniqueIndex().on(t.commandId, t.weekOf), index().on(t.regionCode, t.weekOf)],
);

export interface WeeklyReportRow {
  kind: ItemKind;
  unit: { type: UnitType; id: string; label: string };
  created: number;
  closed: number;
  overdue: number;
  escalated: number;
}
export interface WeeklyLongest {
  kind: ItemKind;
  id: string;
  title: string;
  unitLabel: string | null;
  overdueSince: string | null;
  link: string;
}
export interface WeeklyReportData {
  commandName: string;
  rows: WeeklyReportRow[];
  totals: Record<ItemKind, { created: number; closed: number; overdue: number; escalated: number }>;
  longestOverdue: WeeklyLongest[];
  notices: { issued: number; replied: number; overdue: number; closed: number };
}

registerScopedTable(tasks, { regionCode: tasks.regionCode });
registerScopedTable(taskAssignments, { regionCode: taskAssignments.regionCode });
registerScopedTable(taskEvents, { regionCode: taskEvents.regionCode });
registerScopedTable(supervisionNotices, { regionCode: supervisionNotices.regionCode });
registerScopedTable(noticeEvents, { regionCode: noticeEvents.regionCode });
registerScopedTable(weeklyReports, { regionCode: weeklyReports.regionCode });
