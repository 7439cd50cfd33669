import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError, ENTITY_NAMES, errors, langOf, messageFor, type Lang } from './errors.js';
import type { AppContext } from './context.js';
import type { Scope } from './scope.js';
import type { AuditActor } from './audit/service.js';
import { resolveSession, type SessionUser } from './auth/service.js';

export const SESSION_COOKIE = 'sibao_session';
/** How long a scope is reused for an unchanged account (the organisation's sectors seldom change). */
const SCOPE_TTL_MS = 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public', 'authenticated', or a registered permission code. Every /api route must say. */
    permission?: string;
    /** Reachable while the account still has to change its password or enrol a second factor. */
    allowPending?: boolean;
  }
  interface FastifyRequest {
    session: SessionUser | null;
    scope: Scope | null;
    sessionToken: string | null;
    lang: Lang;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export type App = FastifyInstance;
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** The caller, for handlers behind a permission: the plumbing guarantees both are set. */
export function caller(req: FastifyRequest): { session: SessionUser; scope: Scope; actor: AuditActor } {
  if (!req.session || !req.scope) throw errors.unauthenticated();
  return {
    session: req.session,
    scope: req.scope,
    actor: { id: req.session.user.id, name: req.session.user.username, ip: req.ip ?? null },
  };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const params = { ...err.params };
  if (err.code === 'not_found' && params.entity) params.entity = ENTITY_NAMES[params.entity]?.[req.lang] ?? params.entity;
  return reply.status(err.statusCode).send({
    statusCode: err.statusCode,
    code: err.code,
    message: messageFor(err.code, req.lang, params),
    ...(err.field ? { field: err.field } : {}),
  });
}

export async function createHttpApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: ctx.config.logLevel,
      // Personal data must not reach the application log: no query strings, bodies or cookies.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
    },
    // Believing X-Forwarded-For from anyone would let a client fake its address in the audit log
    // and slip past the per-address login limit.
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  app.decorateRequest('session', null);
  app.decorateRequest('scope', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('lang', 'zh-CN');

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    if (permission !== 'public' && permission !== 'authenticated' && !ctx.permissions.has(permission)) {
      throw new Error(`route ${String(route.method)} ${route.url} names unknown permission ${permission}`);
    }
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'sibao API', description: '四保白名单企业(项目)运行调度平台 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    // Puts the schemas named with .meta({ id }) into components, where the $refs point.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // The session is read on every request (sign-out, disabling, a role change take effect at once);
  // the scope derived from it is remembered by the account fields it derives from, so a changed
  // account gets a new one at once, and the query a sector-bound scope needs runs once a minute.
  const scopes = new Map<string, { scope: Scope; at: number }>();
  const scopeOf = async (user: SessionUser['user']): Promise<Scope> => {
    const key = [user.id, user.role, user.regionCode, user.departmentId, user.taskForceId, user.enterpriseId].join('|');
    const now = Date.now();
    const hit = scopes.get(key);
    if (hit && now - hit.at < SCOPE_TTL_MS) return hit.scope;
    const scope = await ctx.accounts.resolveScope(user);
    if (scopes.size >= 10_000) scopes.clear();
    scopes.set(key, { scope, at: now });
    return scope;
  };

  app.addHook('onRequest', async (req) => {
    req.lang = langOf(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(ctx.db, token);
    if (!session) return;
    req.session = session;
    req.sessionToken = token;
    req.scope = await scopeOf(session.user);
  });

  // Before validation: a caller without the right to a route learns nothing about its input schema.
  app.addHook('preValidation', async (req) => {
    const config = req.routeOptions.config;
    const permission = config?.permission;
    if (!permission || permission === 'public' || !req.url.startsWith('/api/')) return;
    if (!req.session) throw errors.unauthenticated();
    if (!config.allowPending) {
      if (req.session.user.mustChangePassword) throw errors.of(403, 'auth.password_change_required');
      if (req.session.mustEnrollTotp) throw errors.of(403, 'auth.totp_enrollment_required');
    }
    if (permission !== 'authenticated' && !req.session.role.permissions.includes(permission)) throw errors.forbidden();
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const ctxName = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
      const pathPart = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      const field = pathPart ? `${ctxName}.${pathPart}` : ctxName;
      return sendError(req, reply, errors.validation(field, first?.message ?? 'invalid'));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) return sendError(req, reply, errors.of(429, 'auth.rate_limited'));
    if (status && status >= 400 && status < 500) {
      return sendError(req, reply, errors.validation('body', (err as Error).message));
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, errors.of(500, 'internal'));
  });
  return app;
}
