import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/tables.js';

/** In-app notifications, one row per recipient; read_at marks them read. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    titleZh: text().notNull(),
    titleEn: text().notNull(),
    bodyZh: text(),
    bodyEn: text(),
    link: text(),
    refType: text(),
    refId: text(),
    /** The same key for the same user is stored once (a retried job does not notify twice). */
    dedupeKey: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.userId, t.dedupeKey),
    index().on(t.userId, t.createdAt),
    index('notifications_unread_index').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
