import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { caller, SESSION_COOKIE, typed } from '../http.js';
import { ErrorBody } from '../schemas.js';
import { changePassword, enableTotp, login, logout, startTotpEnrollment, type SessionUser } from './service.js';
import { newTotpSecret, totpEnrollment } from './totp.js';
import type { AppContext } from '../context.js';
import type { Config } from '../../config.js';
import { recordAudit } from '../audit/service.js';

export const MeSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    roleName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    regionLevel: z.enum(['province', 'city', 'county']),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    taskForceId: z.string().nullable(),
    taskForceName: z.string().nullable(),
    enterpriseId: z.string().nullable(),
    enterpriseName: z.string().nullable(),
    permissions: z.array(z.string()),
    mustChangePassword: z.boolean(),
    mustEnrollTotp: z.boolean(),
    totpEnabled: z.boolean(),
  })
  .meta({ id: 'Me' });

export async function describeMe(ctx: AppContext, s: SessionUser, lang: string): Promise<z.infer<typeof MeSchema>> {
  const labels = await ctx.accounts.labels(s.user);
  return {
    id: s.user.id,
    username: s.user.username,
    displayName: s.user.displayName,
    role: s.role.code,
    roleName: lang === 'en-US' ? s.role.nameEn : s.role.nameZh,
    regionCode: s.user.regionCode,
    regionName: labels.regionName,
    regionLevel: labels.regionLevel,
    departmentId: s.user.departmentId,
    departmentName: labels.departmentName,
    taskForceId: s.user.taskForceId,
    taskForceName: labels.taskForceName,
    enterpriseId: s.user.enterpriseId,
    enterpriseName: labels.enterpriseName,
    permissions: s.role.permissions,
    mustChangePassword: s.user.mustChangePassword,
    mustEnrollTotp: s.mustEnrollTotp,
    totpEnabled: s.user.totpEnabled,
  };
}

/** Sign-in attempts one client address may make per minute (the account lock-out counts per account). */
export const LOGIN_ATTEMPTS_PER_MINUTE = 20;

/**
 * The limit is counted in each process; with SIBAO_WORKERS the connections are shared out round-robin,
 * so each worker allows its share and a client gets about LOGIN_ATTEMPTS_PER_MINUTE in all.
 */
export function loginAttemptsPerProcess(config: Pick<Config, 'workers' | 'databaseUrl'>): number {
  const workers = config.databaseUrl ? config.workers : 1;
  return Math.max(1, Math.ceil(LOGIN_ATTEMPTS_PER_MINUTE / workers));
}

export async function authRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { ctx } = app;
  const loginMax = loginAttemptsPerProcess(ctx.config);

  r.post(
    '/api/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: loginMax, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录 Sign in',
        body: z.object({
          username: z.string().trim().min(1).max(64),
          password: z.string().min(1).max(128),
          totp: z.string().trim().max(10).optional(),
        }),
        response: { 200: z.object({ user: MeSchema }), 401: ErrorBody, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const result = await login(ctx.db, ctx.crypto, req.body, {
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.cookieSecure,
        path: '/',
        maxAge: result.maxAgeSeconds,
      });
      return { user: await describeMe(ctx, result.session, req.lang) };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { permission: 'authenticated', allowPending: true }, schema: { tags: ['auth'], response: { 204: z.null(), 401: ErrorBody } } },
    async (req, reply) => {
      if (req.sessionToken) {
        await logout(ctx.db, req.sessionToken);
        await recordAudit(ctx.db, caller(req).actor, { action: 'auth.logout', targetType: 'user', targetId: caller(req).session.user.id });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    { config: { permission: 'authenticated', allowPending: true }, schema: { tags: ['auth'], response: { 200: MeSchema, 401: ErrorBody } } },
    async (req) => describeMe(ctx, caller(req).session, req.lang),
  );

  r.post(
    '/api/auth/password',
    {
      config: { permission: 'authenticated', allowPending: true },
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password',
        body: z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (req, reply) => {
      const { session, actor } = caller(req);
      await changePassword(ctx.db, session.user, req.body.currentPassword, req.body.newPassword, actor);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/totp/setup',
    {
      config: { permission: 'authenticated', allowPending: true },
      schema: {
        tags: ['auth'],
        summary: '绑定动态验证码 Start authenticator set-up',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      const { session } = caller(req);
      const secret = newTotpSecret();
      await startTotpEnrollment(ctx.db, ctx.crypto, session.user, secret);
      return totpEnrollment(secret, session.user.username);
    },
  );

  r.post(
    '/api/auth/totp/enable',
    {
      config: { permission: 'authenticated', allowPending: true },
      schema: {
        tags: ['auth'],
        body: z.object({ code: z.string().trim().regex(/^\d{6}$/) }),
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (req, reply) => {
      const { session, actor } = caller(req);
      await enableTotp(ctx.db, ctx.crypto, session.user, req.body.code, actor);
      return reply.status(204).send(null);
    },
  );
}
