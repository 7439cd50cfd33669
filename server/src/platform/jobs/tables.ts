import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Durable jobs and timers. A row is due when run_at has passed; an instance claims it (FOR UPDATE
 * SKIP LOCKED, so several instances share the table) by setting claim_token and a lease; a crashed
 * instance's lease runs out and the job is claimed again. One-off jobs are deleted when they
 * succeed; recurring ones (interval_ms set) are re-armed; failures are retried with back-off.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    /** Scheduling again with the same key replaces the pending timer (idempotent timers). */
    key: text(),
    payload: jsonb().$type<unknown>(),
    runAt: timestamp({ withTimezone: true }).notNull(),
    /** pending | running | failed (gave up after the maximum attempts). */
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    claimToken: uuid(),
    leaseUntil: timestamp({ withTimezone: true }),
    /** Recurring jobs only. */
    intervalMs: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.key), index().on(t.status, t.runAt)],
);
