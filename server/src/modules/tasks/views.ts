import { z } from 'zod';
import type { RegionNames } from './ports.js';
import type { AssignmentRow, TaskEventRow, TaskRow } from './service.js';
import type { NoticeEventRow, NoticeRow } from './supervision.js';
import type { SupervisedItem } from './sources.js';
import { ASSIGNMENT_ACTIONS, NOTICE_ACTIONS } from './states.js';
import { ASSIGNMENT_STATES, ITEM_KINDS, NOTICE_STATES, UNIT_TYPES, type AssignmentState } from './tables.js';

export const UnitSchema = z.object({ type: z.enum(UNIT_TYPES), id: z.string(), label: z.string() }).meta({ id: 'ResponsibleUnit' });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const AssignmentSchema = z
  .object({
    id: z.string(),
    taskId: z.string(),
    taskTitle: z.string(),
    requirement: z.string(),
    unit: UnitSchema,
    regionCode: z.string(),
    regionName: z.string(),
    state: z.enum(ASSIGNMENT_STATES),
    deadline: z.string(),
    overdue: z.boolean(),
    lastNote: z.string().nullable(),
    assignedAt: z.string(),
    submittedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    actions: z.array(z.enum(ASSIGNMENT_ACTIONS)),
  })
  .meta({ id: 'TaskAssignment' });

export function assignmentView(regions: RegionNames, a: AssignmentRow & { actions: (typeof ASSIGNMENT_ACTIONS)[number][] }, task: { title: string; requirement: string }, now = new Date()): z.infer<typeof AssignmentSchema> {
  const open = !['accepted', 'cancelled'].includes(a.state);
  return {
    id: a.id,
    taskId: a.taskId,
    taskTitle: task.title,
    requirement: task.requirement,
    unit: { type: a.unitType, id: a.unitId, label: a.unitLabel },
    regionCode: a.regionCode,
    regionName: regions.name(a.regionCode),
    state: a.state,
    deadline: a.deadline.toISOString(),
    overdue: open && a.deadline < now,
    lastNote: a.lastNote,
    assignedAt: a.assignedAt.toISOString(),
    submittedAt: iso(a.submittedAt),
    acceptedAt: iso(a.acceptedAt),
    actions: a.actions,
  };
}

export const TaskSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    requirement: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    deadline: z.string(),
    createdByName: z.string(),
    createdAt: z.string(),
    counts: z.partialRecord(z.enum(ASSIGNMENT_STATES), z.number()),
    total: z.number(),
  })
  .meta({ id: 'Task' });

export function taskView(regions: RegionNames, t: TaskRow, counts: Partial<Record<AssignmentState, number>>): z.infer<typeof TaskSchema> {
  return {
    id: t.id,
    title: t.title,
    requirement: t.requirement,
    regionCode: t.regionCode,
    regionName: regions.name(t.regionCode),
    deadline: t.deadline.toISOString(),
    createdByName: t.createdByName,
    createdAt: t.createdAt.toISOString(),
    counts,
    total: Object.values(counts).reduce((n, x) => n + x, 0),
  };
}

export const TaskEventSchema = z.object({ id: z.string(), assignmentId: z.string(), action: z.string(), fromState: z.string().nullable(), toState: z.string(), note: z.string().nullable(), actorName: z.string(), at: z.string() }).meta({ id: 'TaskEvent' });
export const taskEventView = (e: TaskEventRow) => ({ id: e.id, assignmentId: e.assignmentId, action: e.action, fromState: e.fromState, toState: e.toState, note: e.note, actorName: e.actorName, at: e.at.toISOString() });

export const SupervisedItemSchema = z
  .object({
    kind: z.enum(ITEM_KINDS),
    id: z.string(),
    title: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    state: z.string(),
    unit: UnitSchema.nullable(),
    deadline: z.string().nullable(),
    overdueSince: z.string().nullable(),
    overdueHours: z.number(),
    escalated: z.boolean(),
    link: z.string(),
  })
  .meta({ id: 'SupervisedItem' });
export function supervisedView(regions: RegionNames, i: SupervisedItem, now = new Date()): z.infer<typeof SupervisedItemSchema> {
  const hours = i.overdueSince ? Math.max(0, Math.floor((now.getTime() - Date.parse(i.overdueSince)) / 3600_000)) : 0;
  return { ...i, regionName: regions.name(i.regionCode), overdueHours: hours };
}

export const NoticeSchema = z
  .object({
    id: z.string(),
    itemKind: z.enum(ITEM_KINDS),
    itemId: z.string(),
    itemTitle: z.string(),
    itemLink: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    unit: UnitSchema,
    requirement: z.string(),
    replyDeadline: z.string(),
    state: z.enum(NOTICE_STATES),
    reply: z.string().nullable(),
    repliedAt: z.string().nullable(),
    repliedByName: z.string().nullable(),
    closeNote: z.string().nullable(),
    closedAt: z.string().nullable(),
    issuedByName: z.string(),
    createdAt: z.string(),
    actions: z.array(z.enum(NOTICE_ACTIONS)),
  })
  .meta({ id: 'SupervisionNotice' });
export function noticeView(regions: RegionNames, n: NoticeRow, actions: (typeof NOTICE_ACTIONS)[number][]): z.infer<typeof NoticeSchema> {
  return {
    id: n.id,
    itemKind: n.itemKind,
    itemId: n.itemId,
    itemTitle: n.itemTitle,
    itemLink: n.itemLink,
    regionCode: n.regionCode,
    regionName: regions.name(n.regionCode),
    unit: { type: n.unitType, id: n.unitId, label: n.unitLabel },
    requirement: n.requirement,
    replyDeadline: n.replyDeadline.toISOString(),
    state: n.state,
    reply: n.reply,
    repliedAt: iso(n.repliedAt),
    repliedByName: n.repliedByName,
    closeNote: n.closeNote,
    closedAt: iso(n.closedAt),
    issuedByName: n.issuedByName,
    createdAt: n.createdAt.toISOString(),
    actions,
  };
}
export const NoticeEventSchema = z.object({ id: z.string(), action: z.string(), fromState: z.string().nullable(), toState: z.string(), note: z.string().nullable(), actorName: z.string(), at: z.string() }).meta({ id: 'SupervisionNoticeEvent' });
export const noticeEventView = (e: NoticeEventRow) => ({ id: e.id, action: e.action, fromState: e.fromState, toState: e.toState, note: e.note, actorName: e.actorName, at: e.at.toISOString() });

const Figures = { created: z.number(), closed: z.number(), overdue: z.number(), escalated: z.number() };
export const WeeklyDataSchema = z.object({
  commandName: z.string(),
  rows: z.array(z.object({ kind: z.enum(ITEM_KINDS), unit: UnitSchema, ...Figures })),
  totals: z.object({ demand: z.object(Figures), task: z.object(Figures) }),
  longestOverdue: z.array(z.object({ kind: z.enum(ITEM_KINDS), id: z.string(), title: z.string(), unitLabel: z.string().nullable(), overdueSince: z.string().nullable(), link: z.string() })),
  notices: z.object({ issued: z.number(), replied: z.number(), overdue: z.number(), closed: z.number() }),
});
export const WeeklySummarySchema = z
  .object({ id: z.string(), commandId: z.string(), commandName: z.string(), regionCode: z.string(), regionName: z.string(), weekOf: z.string(), periodFrom: z.string(), periodTo: z.string(), generatedAt: z.string(), generatedBy: z.string(), totals: WeeklyDataSchema.shape.totals })
  .meta({ id: 'WeeklyReportSummary' });
export const WeeklyReportSchema = WeeklySummarySchema.extend({ data: WeeklyDataSchema }).meta({ id: 'WeeklyReport' });
