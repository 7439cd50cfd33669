import type { Scope } from '../../platform/scope.js';
import type { Conn } from '../../platform/db/index.js';
import type { Capped } from '../../platform/db/totals.js';

/**
 * How supervision reads the items it watches (demands, tasks) without knowing their tables.
 * The tasks module defines it and implements it for tasks (task-source.ts); the demands module
 * implements it for demands. app.ts hands every source to the supervision service.
 */

/** Who answers for an item: a department, a task force or a (lower-level) command. */
export interface ResponsibleUnit {
  type: 'department' | 'task_force' | 'command';
  id: string;
  label: string;
}

export interface SupervisedItem {
  kind: 'demand' | 'task';
  id: string;
  title: string;
  regionCode: string;
  state: string; // the item's own state code
  unit: ResponsibleUnit | null; // null while not yet dispatched/assigned
  deadline: string | null; // ISO
  overdueSince: string | null; // ISO; null when not overdue
  escalated: boolean;
  link: string; // web route, e.g. /demands/<id>
}

export interface WeeklyUnitFigures {
  unit: ResponsibleUnit;
  created: number;
  closed: number;
  overdue: number;
  escalated: number;
}

export interface SupervisionSource {
  kind: 'demand' | 'task';
  /** Items overdue now, within the caller's scope (scopeWhere), most overdue first; the total capped (platform/db/totals). */
  overdue(scope: Scope, q: { regionCode?: string; page: number; pageSize: number }): Promise<{ items: SupervisedItem[] } & Capped>;
  /** One item if the caller's scope reaches it (else null: the route answers 404). */
  find(scope: Scope, id: string): Promise<SupervisedItem | null>;
  /**
   * Figures for the weekly report of the command of `regionCode` (its whole subtree), over [from, to).
   * `escalatedWithoutUnit`: escalations in the week of items that had no responsible unit yet
   * (counted in the totals, on no unit's row).
   */
  weekly(conn: Conn, regionCode: string, from: Date, to: Date): Promise<{ byUnit: WeeklyUnitFigures[]; longestOverdue: SupervisedItem[]; escalatedWithoutUnit?: number }>;
}
