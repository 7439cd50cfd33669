import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Conn, Database, Db } from '../db/index.js';
import type { JobQueue } from '../jobs/index.js';
import { errors } from '../errors.js';
import { recordAudit, type AuditActor } from '../audit/service.js';
import { notifications } from './tables.js';

export interface NotificationInput {
  /** Recipients (resolve them with the org service's userIdsFor). */
  userIds: string[];
  /** e.g. 'demand.dispatched', 'policy.matched', 'alert.raised' */
  kind: string;
  title: { zh: string; en: string };
  body?: { zh: string; en: string };
  /** A web route, e.g. '/demands/<id>'. */
  link?: string;
  ref?: { type: string; id: string };
  /** The same key for the same user is stored once. */
  dedupeKey?: string;
}

export type StoredNotification = typeof notifications.$inferSelect;

/** Another way out (SMS, the government messaging app): runs after commit, in a retried job. */
export interface NotificationChannel {
  name: string;
  deliver(n: StoredNotification): Promise<void>;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string } | null;
  link: string | null;
  ref: { type: string; id: string } | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export const NOTIFY_CHANNEL = 'sibao_notifications';
const DELIVER_JOB = 'notifications.deliver';
// A NOTIFY payload must stay under 8000 bytes: 100 uuids with JSON quoting is about 3.9 kB.
const IDS_PER_SIGNAL = 100;
// 10 columns a row: 500 rows keep a statement at 5,000 parameters (the protocol allows 65,535).
const ROWS_PER_INSERT = 500;

function view(n: StoredNotification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: { zh: n.titleZh, en: n.titleEn },
    body: n.bodyZh !== null || n.bodyEn !== null ? { zh: n.bodyZh ?? '', en: n.bodyEn ?? '' } : null,
    link: n.link,
    ref: n.refType && n.refId ? { type: n.refType, id: n.refId } : null,
    read: n.readAt !== null,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * In-process subscribers per user (the open event streams of this instance). It is fed by the
 * database's LISTEN, so a notification stored by any instance reaches every instance's streams,
 * and only once its transaction has committed.
 */
export class NotificationHub {
  private readonly subs = new Map<string, Set<() => void>>();
  subscribe(userId: string, onChange: () => void): () => void {
    const set = this.subs.get(userId) ?? new Set();
    set.add(onChange);
    this.subs.set(userId, set);
    return () => {
      set.delete(onChange);
      if (set.size === 0) this.subs.delete(userId);
    };
  }
  publish(userIds: readonly string[]): void {
    for (const id of userIds) for (const fn of this.subs.get(id) ?? []) fn();
  }
  /** Subscribers connected to this instance (for tests and metrics). */
  size(): number {
    let n = 0;
    for (const s of this.subs.values()) n += s.size;
    return n;
  }
}

export class NotificationService {
  readonly hub = new NotificationHub();
  private readonly channels = new Map<string, NotificationChannel>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
  ) {
    jobs.register(DELIVER_JOB, async (payload) => {
      const { channel, ids } = payload as { channel: string; ids: string[] };
      const ch = this.channels.get(channel);
      if (!ch) throw new Error(`notification channel ${channel} is not configured on this instance`);
      const rows = await this.db.select().from(notifications).where(inArray(notifications.id, ids));
      for (const row of rows) await ch.deliver(row);
    });
  }

  /** Subscribes the hub to the database's after-commit signal. */
  async start(database: Pick<Database, 'listen'>): Promise<void> {
    this.unlisten = await database.listen(NOTIFY_CHANNEL, (payload) => {
      try {
        const userIds = (JSON.parse(payload) as { u?: unknown }).u;
        if (Array.isArray(userIds)) this.hub.publish(userIds.filter((x): x is string => typeof x === 'string'));
      } catch {
        // Not ours: ignore a malformed payload rather than stop listening.
      }
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  addChannel(ch: NotificationChannel): void {
    this.channels.set(ch.name, ch);
  }

  /** Stores the notifications in the caller's transaction; live push and channels follow the commit. */
  async notify(conn: Conn, input: NotificationInput): Promise<void> {
    await this.notifyMany(conn, [input]);
  }

  /**
   * Many notifications at once (e.g. a policy pushed to thousands of enterprises): the rows go in
   * multi-row inserts of ROWS_PER_INSERT, with one after-commit signal per hundred recipients and
   * one delivery job per channel and insert, instead of a round trip per notification.
   */
  async notifyMany(conn: Conn, inputs: readonly NotificationInput[]): Promise<void> {
    const rows = inputs.flatMap((input) =>
      [...new Set(input.userIds)].map((userId) => ({
        userId,
        kind: input.kind,
        titleZh: input.title.zh,
        titleEn: input.title.en,
        bodyZh: input.body?.zh ?? null,
        bodyEn: input.body?.en ?? null,
        link: input.link ?? null,
        refType: input.ref?.type ?? null,
        refId: input.ref?.id ?? null,
        dedupeKey: input.dedupeKey ?? null,
      })),
    );
    const signalled = new Set<string>();
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const inserted = await conn
        .insert(notifications)
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoNothing()
        .returning({ id: notifications.id, userId: notifications.userId });
      if (inserted.length === 0) continue;
      for (const r of inserted) signalled.add(r.userId);
      for (const name of this.channels.keys()) {
        await this.jobs.schedule(conn, { kind: DELIVER_JOB, runAt: new Date(), payload: { channel: name, ids: inserted.map((r) => r.id) } });
      }
    }
    if (signalled.size > 0) await this.signal(conn, [...signalled]);
  }

  /** NOTIFY is held back until the transaction commits (and dropped if it rolls back). */
  private async signal(conn: Conn, userIds: string[]): Promise<void> {
    for (let i = 0; i < userIds.length; i += IDS_PER_SIGNAL) {
      const payload = JSON.stringify({ u: userIds.slice(i, i + IDS_PER_SIGNAL) });
      await conn.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`);
    }
  }

  async list(userId: string, q: { unread?: boolean | undefined; page: number; pageSize: number }) {
    const where = and(eq(notifications.userId, userId), q.unread ? isNull(notifications.readAt) : undefined);
    const [rows, total, unread] = await Promise.all([
      this.db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.db.select({ n: count() }).from(notifications).where(where),
      this.unreadCount(userId),
    ]);
    return { items: rows.map(view), total: total[0]?.n ?? 0, unread };
  }

  async unreadCount(userId: string): Promise<number> {
    const r = await this.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return r[0]?.n ?? 0;
  }

  /** Another user's notification answers exactly like a missing one. */
  async markRead(userId: string, id: string, actor: AuditActor): Promise<NotificationView> {
    return this.db.transaction(async (tx) => {
      const row = (await tx.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId))))[0];
      if (!row) throw errors.notFound('notification');
      if (row.readAt) return view(row);
      const updated = (await tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id)).returning())[0]!;
      await recordAudit(tx, actor, { action: 'notification.read', targetType: 'notification', targetId: id });
      await this.signal(tx, [userId]);
      return view(updated);
    });
  }

  async markAllRead(userId: string, actor: AuditActor): Promise<number> {
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      if (updated.length === 0) return 0;
      await recordAudit(tx, actor, { action: 'notification.read_all', targetType: 'user', targetId: userId, detail: { count: updated.length } });
      await this.signal(tx, [userId]);
      return updated.length;
    });
  }
}
