import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../http.js';
import { ErrorBody, Paging, Uuid } from '../schemas.js';
import { sm3Hex } from '../crypto.js';
import { sessions } from '../auth/tables.js';
import type { NotificationService } from './service.js';

const I18nText = z.object({ zh: z.string(), en: z.string() });
const Notification = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    title: I18nText,
    body: I18nText.nullable(),
    link: z.string().nullable(),
    ref: z.object({ type: z.string(), id: z.string() }).nullable(),
    read: z.boolean(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });

const TAGS = ['notifications'];
const errs = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** How often an open stream sends a comment line (keeps proxies from closing it) and rechecks its session. */
export const STREAM_HEARTBEAT_MS = 25_000;

export function notificationRoutes(service: NotificationService) {
  return async (instance: FastifyInstance) => {
    const app = typed(instance);
    const streams = new Set<ServerResponse>();
    // An open event stream would otherwise hold app.close() until the client leaves.
    instance.addHook('preClose', async () => {
      for (const res of streams) res.end();
      streams.clear();
    });

    app.get(
      '/api/notifications',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: TAGS,
          summary: 'My notifications, newest first / 我的消息',
          querystring: z.object({ ...Paging, unread: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ items: z.array(Notification), total: z.number(), unread: z.number() }), ...errs },
        },
      },
      async (req) => {
        const { session } = caller(req);
        return service.list(session.user.id, { page: req.query.page, pageSize: req.query.pageSize, unread: req.query.unread === 'true' });
      },
    );

    app.get(
      '/api/notifications/unread-count',
      {
        config: { permission: 'authenticated' },
        schema: { tags: TAGS, summary: 'Number of my unread notifications / 未读消息数', response: { 200: z.object({ count: z.number() }), ...errs } },
      },
      async (req) => ({ count: await service.unreadCount(caller(req).session.user.id) }),
    );

    app.post(
      '/api/notifications/:id/read',
      {
        config: { permission: 'authenticated' },
        schema: { tags: TAGS, summary: 'Mark one notification read / 标记已读', params: z.object({ id: Uuid }), response: { 200: Notification, ...errs } },
      },
      async (req) => {
        const { session, actor } = caller(req);
        return service.markRead(session.user.id, req.params.id, actor);
      },
    );

    app.post(
      '/api/notifications/read-all',
      {
        config: { permission: 'authenticated' },
        schema: { tags: TAGS, summary: 'Mark all my notifications read / 全部标记已读', response: { 200: z.object({ updated: z.number() }), ...errs } },
      },
      async (req) => {
        const { session, actor } = caller(req);
        return { updated: await service.markAllRead(session.user.id, actor) };
      },
    );

    app.get(
      '/api/notifications/stream',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: TAGS,
          summary: 'Live updates (server-sent events) / 消息实时推送',
          description: 'text/event-stream. Event `unread` with data `{"count": n}` on connect and whenever my notifications change; event `end` when the session has ended.',
          response: { 200: z.string(), ...errs },
        },
      },
      async (req, reply) => {
        const { session } = caller(req);
        const userId = session.user.id;
        const sessionId = sm3Hex(req.sessionToken ?? '');
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          // nginx would otherwise buffer the stream.
          'x-accel-buffering': 'no',
        });
        streams.add(res);
        let closed = false;
        const send = (event: string, data: unknown) => {
          if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        };
        const pushCount = () => {
          service.unreadCount(userId).then(
            (count) => send('unread', { count }),
            (err: unknown) => req.log.warn({ err }, 'unread count for stream failed'),
          );
        };
        const unsubscribe = service.hub.subscribe(userId, pushCount);
        // The heartbeat does not touch the session: an open tab must not keep an idle session alive.
        const heartbeat = setInterval(() => {
          instance.ctx.db
            .select({ id: sessions.id })
            .from(sessions)
            .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())))
            .then(
              (rows) => {
                if (rows.length > 0) return void res.write(': ping\n\n');
                send('end', {});
                res.end();
              },
              (err: unknown) => req.log.warn({ err }, 'stream session check failed'),
            );
        }, STREAM_HEARTBEAT_MS);
        const cleanup = () => {
          closed = true;
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(res);
        };
        res.on('close', cleanup);
        res.write('retry: 5000\n\n');
        pushCount();
      },
    );
  };
}
