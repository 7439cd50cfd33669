import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only (a trigger refuses UPDATE and DELETE) and hash-chained with SM3:
 * hash = SM3(prevHash || canonical(event)), so an edit anywhere breaks every later link.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
    actorId: uuid(),
    actorName: text(),
    ip: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    regionCode: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index().on(t.at), index().on(t.actorName), index().on(t.action)],
);
