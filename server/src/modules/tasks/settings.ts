/**
 * Rules a government may change, with the documents' values as defaults: the weekly report goes
 * out every Friday (Kaifeng notice, item 十: 每周五…汇报督查督办情况); the hour, the warning lead
 * times and the default reply time of a supervision notice are local practice.
 * Each can be set by an environment variable.
 */
export interface TasksSettings {
  /** Day of the week of the weekly report, 0 = Sunday … 5 = Friday (Asia/Shanghai). */
  reportWeekday: number;
  /** Hour of that day (Asia/Shanghai) from which the report is generated. */
  reportHour: number;
  /** Warn the unit this many hours before an assignment's deadline. */
  taskWarningHours: number;
  /** Warn the unit this many hours before a notice's reply deadline. */
  noticeWarningHours: number;
  /** Default reply time of a supervision notice, in days. */
  noticeReplyDays: number;
  /** How many longest-overdue items the weekly report names. */
  longestOverdueCount: number;
}

export const DEFAULT_TASKS_SETTINGS: TasksSettings = {
  reportWeekday: 5,
  reportHour: 17,
  taskWarningHours: 24,
  noticeWarningHours: 12,
  noticeReplyDays: 3,
  longestOverdueCount: 10,
};

function int(v: string | undefined, min: number, max: number, fallback: number): number {
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export function tasksSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TasksSettings {
  const d = DEFAULT_TASKS_SETTINGS;
  return {
    reportWeekday: int(env.WEEKLY_REPORT_WEEKDAY, 0, 6, d.reportWeekday),
    reportHour: int(env.WEEKLY_REPORT_HOUR, 0, 23, d.reportHour),
    taskWarningHours: int(env.TASK_WARNING_HOURS, 1, 720, d.taskWarningHours),
    noticeWarningHours: int(env.NOTICE_WARNING_HOURS, 1, 720, d.noticeWarningHours),
    noticeReplyDays: int(env.NOTICE_REPLY_DAYS, 1, 60, d.noticeReplyDays),
    longestOverdueCount: int(env.WEEKLY_LONGEST_OVERDUE, 1, 50, d.longestOverdueCount),
  };
}
