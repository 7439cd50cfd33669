/**
 * Retention (PIPL art. 19: keep personal information for the shortest time necessary). Each prevention table that
 * holds tracing data declares here how long it is kept and what happens after; one scheduled job applies them all.
 * Declarations are static: a table's file calls `registerRetention` when it is imported.
 */
export type RetentionAction =
  | { kind: 'delete' }
  /** keep the row for statistics, overwrite these columns with these SQL expressions (e.g. NULL) */
  | { kind: 'anonymise'; set: Record<string, string> };

export interface RetentionTarget {
  /** stable name, shown in the job's result and the audit event */
  name: string;
  /** the SQL table name */
  table: string;
  /** the timestamptz column the window is measured from (on `parent` when given) */
  timeColumn: string;
  /** for a table without a time of its own (e.g. staging rows): the row is as old as its parent row */
  parent?: { table: string; key: string; via: string };
  action: RetentionAction;
  /** rule-pack key of the window in days; the default pack gives 28 for tracing data */
  windowRule: 'retentionDays';
}

const targets = new Map<string, RetentionTarget>();

export function registerRetention(target: RetentionTarget): void {
  targets.set(target.name, target);
}

export function retentionTargets(): readonly RetentionTarget[] {
  return [...targets.values()];
}
