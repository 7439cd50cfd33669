import { eq, like } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import { users } from '../platform/auth/tables.js';
import { regions } from '../modules/org/tables.js';
import { OrgUnits, type OrgUnit } from '../modules/org/units.js';
import { buildTasksModule } from '../modules/tasks/module.js';
import { demandSupervisionSource } from '../modules/demands/supervision-source.js';
import { DEFAULT_TASKS_SETTINGS } from '../modules/tasks/settings.js';
import { noticeEvents, supervisionNotices, taskAssignments, taskEvents, tasks, type AssignmentState, type NoticeState } from '../modules/tasks/tables.js';

const KAIFENG = '410200';
const LANKAO = '410225';
const DAY = 86_400_000;

interface SeedAssignment {
  unit: (units: OrgUnit[]) => OrgUnit | undefined;
  state: AssignmentState;
  notes: string[];
}
interface SeedTask {
  key: string;
  region: string;
  by: string;
  title: string;
  requirement: string;
  createdDaysAgo: number;
  deadlineInDays: number;
  assignments: SeedAssignment[];
}

const dept = (kind: string) => (us: OrgUnit[]) => us.find((u) => u.type === 'department' && u.label.includes(kind));
const tf = (kind: string) => (us: OrgUnit[]) => us.find((u) => u.type === 'task_force' && u.label.includes(kind));
const cmd = (region: string) => (us: OrgUnit[]) => us.find((u) => u.type === 'command' && u.regionCode === region);

/** The steps leading to each state, so every assignment has a consistent history. */
const PATH: Record<AssignmentState, ('progress' | 'complete' | 'accept' | 'return' | 'cancel')[]> = {
  assigned: [],
  in_progress: ['progress'],
  submitted: ['progress', 'complete'],
  returned: ['progress', 'complete', 'return'],
  accepted: ['progress', 'complete', 'accept'],
  cancelled: ['cancel'],
};
const NEXT: Record<string, AssignmentState> = { progress: 'in_progress', complete: 'submitted', accept: 'accepted', return: 'returned', cancel: 'cancelled' };

const TASKS: SeedTask[] = [
  {
    key: 'seed:kf:1',
    region: KAIFENG,
    by: 'kf_dispatcher',
    title: '白名单企业复工复产情况摸排',
    requirement: '逐家摸排本行业（领域）白名单企业开工率、用工到岗率和原料库存，形成台账报市指挥部办公室。',
    createdDaysAgo: 4,
    deadlineInDays: 3,
    assignments: [
      { unit: dept('工业和信息化'), state: 'assigned', notes: [] },
      { unit: tf('交通运输'), state: 'in_progress', notes: ['已完成 18 家物流企业摸排，其余企业本周内完成。'] },
      { unit: cmd(LANKAO), state: 'submitted', notes: ['已完成乡镇摸排。', '全县 42 家白名单企业摸排完毕，台账已上传。'] },
    ],
  },
  {
    key: 'seed:kf:2',
    region: KAIFENG,
    by: 'kf_dispatcher',
    title: '重点物资运输保障通道核查',
    requirement: '核查辖区重点物资运输中转站、接驳点运行情况和通行证办理情况，发现问题立即整改。',
    createdDaysAgo: 14,
    deadlineInDays: -8,
    assignments: [
      { unit: dept('工业和信息化'), state: 'in_progress', notes: ['已核查 3 个中转站。'] },
      { unit: tf('交通运输'), state: 'returned', notes: ['核查完毕。', '通道运行正常。', '缺少接驳点照片和整改清单，请补充后重新报送。'] },
      { unit: cmd(LANKAO), state: 'assigned', notes: [] },
    ],
  },
  {
    key: 'seed:kf:3',
    region: KAIFENG,
    by: 'kf_dispatcher',
    title: '防疫物资储备情况统计',
    requirement: '统计白名单企业口罩、消毒用品、抗原检测试剂储备量，按不少于 7 天用量核对。',
    createdDaysAgo: 16,
    deadlineInDays: -10,
    assignments: [
      { unit: dept('工业和信息化'), state: 'accepted', notes: ['统计进行中。', '储备情况统计表见附件。', '数据完整，验收通过。'] },
      { unit: tf('交通运输'), state: 'cancelled', notes: ['该项由防疫保障专班统一统计，撤销本单位任务。'] },
      { unit: cmd(LANKAO), state: 'accepted', notes: ['统计进行中。', '兰考县统计表已报送。', '验收通过。'] },
    ],
  },
  {
    key: 'seed:lk:1',
    region: LANKAO,
    by: 'lk_dispatcher',
    title: '兰考县重点企业用工需求调查',
    requirement: '调查县内重点企业近一个月用工缺口，按工种汇总后报县指挥部办公室。',
    createdDaysAgo: 1,
    deadlineInDays: 5,
    assignments: [{ unit: dept('工业和信息化'), state: 'assigned', notes: [] }],
  },
];

const NOTICES: { task: string; unit: number; state: NoticeState; requirement: string; replyInDays: number; reply?: string; closeNote?: string }[] = [
  { task: 'seed:kf:2', unit: 0, state: 'issued', requirement: '该任务已超期，请于两日内说明原因并完成核查。', replyInDays: 2 },
  { task: 'seed:kf:2', unit: 1, state: 'replied', requirement: '请说明超期原因，补充接驳点整改材料。', replyInDays: 1, reply: '因接驳点调整延误，整改清单将于明日报送。' },
  { task: 'seed:kf:2', unit: 2, state: 'overdue', requirement: '请兰考县指挥部立即组织核查并回复。', replyInDays: -1 },
  { task: 'seed:kf:3', unit: 0, state: 'closed', requirement: '储备统计超期，请说明原因。', replyInDays: -4, reply: '统计口径调整导致延误，已完成报送。', closeNote: '情况属实，予以办结。' },
];

/**
 * Demo tasks, supervision notices and weekly reports: assignments in every state, notices in
 * every state, and the weekly report of the last Friday for every command. Dates are relative
 * to the seeding time, so the overdue board always has late items. Seeding twice adds nothing.
 */
export async function seedTasks(db: Db): Promise<void> {
  if ((await db.select({ id: tasks.id }).from(tasks).where(like(tasks.requestKey, 'seed:%')).limit(1)).length > 0) return;
  const units = new OrgUnits(db);
  const now = Date.now();
  const at = (days: number, hours = 0) => new Date(now + days * DAY + hours * 3600_000);
  const assignmentIds = new Map<string, string[]>();
  for (const spec of TASKS) {
    const command = await units.commandOfRegion(spec.region);
    const by = (await db.select().from(users).where(eq(users.username, spec.by)))[0];
    if (!command || !by) continue;
    const choices = await units.assignableUnits(spec.region);
    const created = at(-spec.createdDaysAgo);
    const deadline = at(spec.deadlineInDays);
    const task = (await db.insert(tasks).values({ commandId: command.id, regionCode: spec.region, title: spec.title, requirement: spec.requirement, deadline, requestKey: spec.key, createdById: by.id, createdByName: by.displayName, createdAt: created }).returning())[0]!;
    const ids: string[] = [];
    for (const a of spec.assignments) {
      const unit = a.unit(choices);
      if (!unit) continue;
      const steps = PATH[a.state];
      const stepAt = (i: number) => new Date(created.getTime() + (i + 1) * Math.max(1, spec.createdDaysAgo - 1) * DAY / (steps.length + 1));
      const acceptedAt = a.state === 'accepted' ? stepAt(steps.length - 1) : null;
      const submittedIdx = steps.lastIndexOf('complete');
      const row = (
        await db
          .insert(taskAssignments)
          .values({ taskId: task.id, regionCode: unit.regionCode, commandRegionCode: spec.region, unitType: unit.type, unitId: unit.id, unitLabel: unit.label, state: a.state, deadline, lastNote: a.notes.at(-1) ?? null, assignedAt: created, submittedAt: submittedIdx >= 0 ? stepAt(submittedIdx) : null, acceptedAt, updatedAt: steps.length ? stepAt(steps.length - 1) : created })
          .returning()
      )[0]!;
      ids.push(row.id);
      await db.insert(taskEvents).values({ assignmentId: row.id, taskId: task.id, regionCode: row.regionCode, action: 'assign', fromState: null, toState: 'assigned', note: spec.requirement, actorId: by.id, actorName: by.displayName, at: created });
      let from: AssignmentState = 'assigned';
      for (const [i, action] of steps.entries()) {
        const to = NEXT[action]!;
        const byCommand = action === 'accept' || action === 'return' || action === 'cancel';
        await db.insert(taskEvents).values({ assignmentId: row.id, taskId: task.id, regionCode: row.regionCode, action, fromState: from, toState: to, note: a.notes[i] ?? null, actorId: byCommand ? by.id : null, actorName: byCommand ? by.displayName : unit.label, at: stepAt(i) });
        from = to;
      }
    }
    assignmentIds.set(spec.key, ids);
  }

  const supervisor = (await db.select().from(users).where(eq(users.username, 'kf_supervisor')))[0];
  for (const n of NOTICES) {
    const id = assignmentIds.get(n.task)?.[n.unit];
    if (!id || !supervisor) continue;
    const a = (await db.select({ a: taskAssignments, title: tasks.title }).from(taskAssignments).innerJoin(tasks, eq(tasks.id, taskAssignments.taskId)).where(eq(taskAssignments.id, id)))[0]!;
    const issuedAt = at(Math.min(-1, n.replyInDays - 2));
    const repliedAt = n.reply ? new Date(issuedAt.getTime() + DAY / 2) : null;
    const closedAt = n.closeNote ? new Date(issuedAt.getTime() + DAY) : null;
    const notice = (
      await db
        .insert(supervisionNotices)
        .values({ itemKind: 'task', itemId: id, itemTitle: a.title, itemLink: `/tasks/${a.a.taskId}`, regionCode: a.a.regionCode, unitType: a.a.unitType, unitId: a.a.unitId, unitLabel: a.a.unitLabel, requirement: n.requirement, replyDeadline: at(n.replyInDays), state: n.state, reply: n.reply ?? null, repliedAt, repliedByName: n.reply ? a.a.unitLabel : null, closeNote: n.closeNote ?? null, closedAt, issuedById: supervisor.id, issuedByName: supervisor.displayName, createdAt: issuedAt, updatedAt: closedAt ?? repliedAt ?? issuedAt })
        .returning()
    )[0]!;
    const ev = (action: string, fromState: string | null, toState: string, note: string | null, actorName: string, when: Date) => db.insert(noticeEvents).values({ noticeId: notice.id, regionCode: notice.regionCode, action, fromState, toState, note, actorName, at: when });
    await ev('issue', null, 'issued', n.requirement, supervisor.displayName, issuedAt);
    if (n.state === 'overdue') await ev('expire', 'issued', 'overdue', null, 'system', at(n.replyInDays));
    if (repliedAt) await ev('reply', 'issued', 'replied', n.reply ?? null, a.a.unitLabel, repliedAt);
    if (closedAt) await ev('close', 'replied', 'closed', n.closeNote ?? null, supervisor.displayName, closedAt);
  }

  // The weekly report of the last Friday for every command (the demo's notifications are not sent).
  const regionRows = await db.select({ code: regions.code, parentCode: regions.parentCode, name: regions.name }).from(regions);
  const kids = new Map<string, string[]>();
  for (const r of regionRows) if (r.parentCode) kids.set(r.parentCode, [...(kids.get(r.parentCode) ?? []), r.code]);
  const subtree = (c: string): string[] => [c, ...(kids.get(c) ?? []).flatMap(subtree)];
  const names = new Map(regionRows.map((r) => [r.code, r.name]));
  const m = buildTasksModule(db, { subtree, name: (c) => names.get(c) ?? c }, { notify: async () => {} }, DEFAULT_TASKS_SETTINGS);
  // The report covers demands too, as the running app's does.
  m.supervision.addSource(demandSupervisionSource({ db, regions: { subtree } }));
  await m.weekly.generateDue(new Date(now));
}
