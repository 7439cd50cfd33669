import { desc, sql, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Db } from '../../platform/db/index.js';
import { preventionRetentionRuns } from './care.tables.js';
import { retentionTargets, type RetentionTarget } from './retention.js';
import { loadRules } from './rules.js';

const SYSTEM: AuditActor = { id: null, name: 'system', ip: null };
/** Rows per statement: each chunk commits on its own, so a job killed midway keeps what it did and a re-run goes on. */
const CHUNK = 5000;

export interface RetentionDeps {
  /**
   * Enterprises whose purpose ended before `before`: removed from the whitelist (or gone from the register) then.
   * The whitelist module answers this through its service; `known` are the enterprise ids the roster holds.
   */
  endedEnterprises: (known: string[], before: Date) => Promise<string[]>;
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** One statement deleting or anonymising at most CHUNK rows older than the cutoff; returns how many. */
async function chunk(db: Db, t: RetentionTarget, cutoff: Date): Promise<number> {
  const old: SQL = t.parent
    ? sql`select x.ctid from ${ident(t.table)} x join ${ident(t.parent.table)} p on p.${ident(t.parent.key)} = x.${ident(t.parent.via)} where p.${ident(t.timeColumn)} < ${cutoff}`
    : sql`select x.ctid from ${ident(t.table)} x where x.${ident(t.timeColumn)} < ${cutoff}`;
  let q: SQL;
  switch (t.action.kind) {
    case 'delete':
      q = sql`delete from ${ident(t.table)} where ctid in (${old} limit ${CHUNK})`;
      break;
    case 'anonymise': {
      const cols = Object.entries(t.action.set);
      // Rows already anonymised are skipped, so the job ends and a re-run changes nothing.
      const done = sql.join(cols.map(([c, e]) => sql`x.${ident(c)} is not distinct from (${sql.raw(e)})`), sql` and `);
      const set = sql.join(cols.map(([c, e]) => sql`${ident(c)} = ${sql.raw(e)}`), sql`, `);
      q = sql`update ${ident(t.table)} set ${set} where ctid in (${old} and not (${done}) limit ${CHUNK})`;
      break;
    }
  }
  const res = (await db.execute(q)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return Number(res.rowCount ?? res.affectedRows ?? 0);
}

async function drain(db: Db, t: RetentionTarget, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await chunk(db, t, cutoff);
    total += n;
    if (n < CHUNK) return total;
  }
}

/**
 * Applies every registered retention target (PIPL art. 19, 47) and deletes the roster of enterprises whose purpose
 * ended more than the grace period ago. Records the counts as a run and one audit event. Safe to re-run.
 */
export async function applyRetention(db: Db, deps: RetentionDeps, now = new Date()): Promise<Record<string, number>> {
  const rules = await loadRules(db);
  const counts: Record<string, number> = {};
  for (const t of retentionTargets()) {
    const cutoff = new Date(now.getTime() - rules[t.windowRule] * 86_400_000);
    counts[t.name] = await drain(db, t, cutoff);
  }
  const known = ((await db.execute(sql`select distinct enterprise_id from prevention_employees`)) as unknown as { rows: { enterprise_id: string }[] }).rows.map((r) => r.enterprise_id);
  const ended = known.length ? await deps.endedEnterprises(known, new Date(now.getTime() - rules.rosterGraceDays * 86_400_000)) : [];
  let roster = 0;
  for (const id of ended) {
    for (;;) {
      const res = (await db.execute(sql`delete from prevention_employees where ctid in (select ctid from prevention_employees where enterprise_id = ${id} limit ${CHUNK})`)) as unknown as { rowCount?: number | null; affectedRows?: number };
      const n = Number(res.rowCount ?? res.affectedRows ?? 0);
      roster += n;
      if (n < CHUNK) break;
    }
  }
  counts.roster_of_ended_enterprises = roster;
  await db.transaction(async (tx) => {
    await tx.insert(preventionRetentionRuns).values({ ranAt: now, retentionDays: rules.retentionDays, counts });
    await recordAudit(tx, SYSTEM, { action: 'prevention.retention.apply', targetType: 'prevention_retention', detail: { retentionDays: rules.retentionDays, rosterGraceDays: rules.rosterGraceDays, counts, enterprises: ended } });
  });
  return counts;
}

export async function lastRetentionRun(db: Db): Promise<typeof preventionRetentionRuns.$inferSelect | null> {
  return (await db.select().from(preventionRetentionRuns).orderBy(desc(preventionRetentionRuns.ranAt)).limit(1))[0] ?? null;
}
