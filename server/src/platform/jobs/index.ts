import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Conn, Db } from '../db/index.js';
import { jobs } from './tables.js';

export type JobContext = { db: Db; now: Date };
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

export interface JobQueueOptions {
  /** How often the poller looks for due jobs (JOBS_POLL_MS). */
  pollMs?: number;
  /** A one-off job that failed this many times is kept as 'failed' and not retried. */
  maxAttempts?: number;
  /** Delay before retry number `attempt` (1-based). Default: 10 s doubling, at most one hour. */
  backoffMs?: (attempt: number) => number;
  /** How long a claim holds before another instance may take the job over (a crash mid-run). */
  leaseMs?: number;
  /** Where failures are reported besides the job's last_error. */
  onError?: (err: unknown, job: { id: string; kind: string }) => void;
}

const RECURRING_PREFIX = 'every:';
const BATCH = 20;

export function defaultBackoff(attempt: number): number {
  return Math.min(10_000 * 2 ** (attempt - 1), 3_600_000);
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 2000);
}

/**
 * Durable jobs and timers on one table. Handlers must be idempotent: a job whose instance dies
 * mid-run is run again once its lease runs out.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Map<string, number>();
  private recurringStored = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly leaseMs: number;
  private readonly onError: (err: unknown, job: { id: string; kind: string }) => void;

  constructor(
    private readonly db: Db,
    opts: JobQueueOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 1000;
    this.maxAttempts = opts.maxAttempts ?? 10;
    this.backoffMs = opts.backoffMs ?? defaultBackoff;
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.onError = opts.onError ?? ((err, job) => console.error(`job ${job.kind} ${job.id} failed:`, err));
  }

  /** Registers the handler for a job kind (at start-up, before start()). */
  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  /** A recurring job, stored so it survives restarts; first runs intervalMs after it is first stored. */
  every(name: string, intervalMs: number, handler: (ctx: JobContext) => Promise<void>): void {
    if (!Number.isInteger(intervalMs) || intervalMs < 1) throw new Error(`job ${name}: interval must be a positive integer`);
    this.register(RECURRING_PREFIX + name, (_payload, ctx) => handler(ctx));
    this.recurring.set(name, intervalMs);
    this.recurringStored = false;
  }

  /** A one-off timer in the caller's transaction; with a key, scheduling again replaces it. */
  async schedule(conn: Conn, job: { kind: string; runAt: Date; payload?: unknown; key?: string }): Promise<void> {
    const values = { kind: job.kind, runAt: job.runAt, payload: job.payload ?? null, key: job.key ?? null };
    if (!job.key) {
      await conn.insert(jobs).values(values);
      return;
    }
    // Replacing also drops the claim, so a run of the old timer that is still going cannot
    // delete or re-arm the new one (it matches on its claim token).
    await conn
      .insert(jobs)
      .values(values)
      .onConflictDoUpdate({
        target: jobs.key,
        set: { kind: job.kind, runAt: job.runAt, payload: values.payload, status: 'pending', attempts: 0, lastError: null, claimToken: null, leaseUntil: null, updatedAt: sql`now()` },
      });
  }

  /** Cancels the pending timer of a key (no-op if none). */
  async cancel(conn: Conn, key: string): Promise<void> {
    await conn.delete(jobs).where(eq(jobs.key, key));
  }

  /** Runs every job due at `now` and returns how many ran (failures included). */
  async runDue(now: Date = new Date()): Promise<number> {
    await this.storeRecurring();
    let ran = 0;
    for (;;) {
      const claimed = await this.claim(now);
      if (claimed.length === 0) return ran;
      for (const job of claimed) {
        await this.runOne(job, now);
        ran++;
      }
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runDue()
        .catch((err: unknown) => this.onError(err, { id: '-', kind: 'poller' }))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }

  /** Stores each recurring job once (first run one interval from now); keeps an existing run_at. */
  private async storeRecurring(): Promise<void> {
    if (this.recurringStored) return;
    const now = Date.now();
    for (const [name, intervalMs] of this.recurring) {
      const key = RECURRING_PREFIX + name;
      await this.db
        .insert(jobs)
        .values({ kind: key, key, runAt: new Date(now + intervalMs), intervalMs })
        .onConflictDoUpdate({ target: jobs.key, set: { intervalMs, kind: key } });
    }
    this.recurringStored = true;
  }

  private async claim(now: Date) {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          and(
            inArray(jobs.kind, kinds),
            or(
              and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)),
              // A claim whose lease ran out: its instance died mid-run.
              and(eq(jobs.status, 'running'), lte(jobs.leaseUntil, now)),
            ),
          ),
        )
        .orderBy(asc(jobs.runAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const token = crypto.randomUUID();
      return tx
        .update(jobs)
        .set({
          status: 'running',
          claimToken: token,
          leaseUntil: new Date(now.getTime() + this.leaseMs),
          attempts: sql`${jobs.attempts} + 1`,
          updatedAt: sql`now()`,
        })
        .where(inArray(jobs.id, due.map((d) => d.id)))
        .returning();
    });
  }

  private async runOne(job: typeof jobs.$inferSelect, now: Date): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const mine = and(eq(jobs.id, job.id), job.claimToken ? eq(jobs.claimToken, job.claimToken) : isNull(jobs.claimToken));
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, { db: this.db, now });
    } catch (err) {
      this.onError(err, job);
      const exhausted = job.attempts >= this.maxAttempts;
      const recurring = job.intervalMs !== null;
      // A recurring job that keeps failing waits for its next interval rather than giving up.
      const next = !exhausted
        ? { status: 'pending', runAt: new Date(now.getTime() + this.backoffMs(job.attempts)) }
        : recurring
          ? { status: 'pending', runAt: new Date(now.getTime() + (job.intervalMs ?? 0)), attempts: 0 }
          : { status: 'failed' };
      await this.db
        .update(jobs)
        .set({ ...next, lastError: errorText(err), claimToken: null, leaseUntil: null, updatedAt: sql`now()` })
        .where(mine);
      return;
    }
    if (job.intervalMs !== null) {
      await this.db
        .update(jobs)
        .set({ status: 'pending', runAt: new Date(now.getTime() + job.intervalMs), attempts: 0, lastError: null, claimToken: null, leaseUntil: null, updatedAt: sql`now()` })
        .where(mine);
    } else {
      await this.db.delete(jobs).where(mine);
    }
  }
}
