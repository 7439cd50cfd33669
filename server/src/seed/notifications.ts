import { inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import { users } from '../platform/auth/tables.js';
import { notifications } from '../platform/notifications/tables.js';

/**
 * Demo notifications: every demo account has an unread welcome and a read security reminder, so
 * the bell and the notification page show both states. Modules add their own as their seeds run
 * their workflows. Stable dedupe keys: seeding twice adds nothing.
 */
export async function seedNotifications(db: Db, usernames: string[]): Promise<void> {
  if (usernames.length === 0) return;
  const rows = await db.select({ id: users.id }).from(users).where(inArray(users.username, usernames));
  const readAt = new Date(Date.now() - 24 * 3600_000);
  await db
    .insert(notifications)
    .values(
      rows.flatMap((u) => [
        {
          userId: u.id,
          kind: 'system.security',
          titleZh: '账号安全提示',
          titleEn: 'Account security',
          bodyZh: '请妥善保管账号和密码，不要转借他人；离开电脑时请退出登录。',
          bodyEn: 'Keep your account and password to yourself, and sign out when you leave the computer.',
          link: '/account/password',
          dedupeKey: 'seed:security',
          readAt,
          createdAt: new Date(readAt.getTime() - 3600_000),
        },
        {
          userId: u.id,
          kind: 'system.welcome',
          titleZh: '欢迎使用四保白名单企业(项目)运行调度平台',
          titleEn: 'Welcome to the four-guarantee operations dispatch platform',
          bodyZh: '新的任务、诉求、政策和预警会在这里提醒您，点击消息可直接打开相关页面。',
          bodyEn: 'New tasks, requests, policies and alerts appear here; click one to open its page.',
          link: '/',
          dedupeKey: 'seed:welcome',
        },
      ]),
    )
    .onConflictDoNothing();
}
