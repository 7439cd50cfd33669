import type { Db } from '../../platform/db/index.js';
import { OrgUnits } from '../org/units.js';
import type { Notifier, RecurringJobs, RegionNames } from './ports.js';
import { tasksSettingsFromEnv, type TasksSettings } from './settings.js';
import { TasksService } from './service.js';
import { SupervisionService } from './supervision.js';
import { TaskSupervisionSource } from './task-source.js';
import { WeeklyReportService } from './weekly.js';
import type { SupervisionSource } from './sources.js';

export interface TasksModule {
  tasks: TasksService;
  supervision: SupervisionService;
  weekly: WeeklyReportService;
}

/** Builds the module's services; app.ts adds the other supervision sources (demands) and the jobs. */
export function buildTasksModule(db: Db, regions: RegionNames, notifier: Notifier, settings: TasksSettings = tasksSettingsFromEnv()): TasksModule {
  const units = new OrgUnits(db);
  const tasks = new TasksService(db, units, regions, notifier, settings);
  const supervision = new SupervisionService(db, units, regions, notifier, settings);
  supervision.addSource(new TaskSupervisionSource(db, regions, tasks.totals));
  const weekly = new WeeklyReportService(db, units, regions, supervision, settings);
  return { tasks, supervision, weekly };
}

export function addSupervisionSource(m: TasksModule, source: SupervisionSource): void {
  m.supervision.addSource(source);
}

/**
 * The module's clocks as recurring jobs (durable through platform/jobs): deadline warnings and
 * notice expiry every five minutes; the weekly report checked every quarter hour, generated once
 * the configured weekday and hour (Asia/Shanghai) have passed. Each handler is idempotent.
 */
export function registerTasksJobs(jobs: RecurringJobs, m: TasksModule): void {
  jobs.every('tasks.sweep', 5 * 60_000, async ({ now }) => {
    await m.tasks.warnDeadlines(now);
    await m.supervision.sweep(now);
  });
  jobs.every('tasks.weekly-report', 15 * 60_000, async ({ now }) => {
    await m.weekly.generateDue(now);
  });
}
