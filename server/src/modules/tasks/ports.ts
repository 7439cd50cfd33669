import type { Conn, Db } from '../../platform/db/index.js';

/**
 * What the module needs from the shared plumbing (platform/notifications, platform/jobs), as the
 * plumbing contract declares it. The plumbing's NotificationService and JobQueue satisfy these
 * interfaces as they are; app.ts wires them in.
 */
export interface NotificationInput {
  userIds: string[];
  kind: string;
  title: { zh: string; en: string };
  body?: { zh: string; en: string };
  link?: string;
  ref?: { type: string; id: string };
  dedupeKey?: string;
}
export interface Notifier {
  notify(conn: Conn, input: NotificationInput): Promise<void>;
}
export interface RecurringJobs {
  every(name: string, intervalMs: number, handler: (ctx: { db: Db; now: Date }) => Promise<void>): void;
}

/** Region lookups the module needs (the org module's region directory provides them). */
export interface RegionNames {
  subtree(code: string): string[];
  name(code: string): string;
}
