import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../http.js';
import { ErrorBody } from '../schemas.js';
import { errors } from '../errors.js';
import { recordAudit } from '../audit/service.js';
import { forgetSecuritySettings, getSecuritySettings } from './service.js';
import { listRoles } from './accounts.js';
import { roles, securitySettings, sessions, users } from './tables.js';

const RoleSchema = z.object({ code: z.string(), name: z.string(), permissions: z.array(z.string()), builtIn: z.boolean() });
const Settings = z.object({
  totpForGovernment: z.boolean(),
  idleTimeoutMinutes: z.number().int().min(5).max(30),
  absoluteLifetimeHours: z.number().int().min(1).max(24),
  lockoutThreshold: z.number().int().min(3).max(10),
  lockoutMinutes: z.number().int().min(5).max(1440),
  passwordMinLength: z.number().int().min(8).max(64),
});
const auth = { 401: ErrorBody, 403: ErrorBody };
/** Each belongs to exactly one of the three separated administrators. */
const SEPARATED_PERMISSIONS = ['users.manage', 'security.manage', 'audit.read'];

/** The security administrator's routes: role permissions and the security settings. */
export async function securityRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { ctx } = app;
  const cfg = { permission: 'security.manage' };

  r.get('/api/security/roles', { config: cfg, schema: { tags: ['security'], summary: '角色 Roles', response: { 200: z.array(RoleSchema), ...auth } } }, async (req) =>
    (await listRoles(ctx.db)).map((x) => ({ code: x.code, name: req.lang === 'en-US' ? x.nameEn : x.nameZh, permissions: x.permissions, builtIn: x.builtIn })),
  );

  r.get(
    '/api/security/permissions',
    { config: cfg, schema: { tags: ['security'], summary: '权限 Permissions', response: { 200: z.array(z.object({ code: z.string(), name: z.string() })), ...auth } } },
    async (req) => ctx.permissions.list().map((p) => ({ code: p.code, name: req.lang === 'en-US' ? p.en : p.zh })),
  );

  r.put(
    '/api/security/roles/:code',
    {
      config: cfg,
      schema: {
        tags: ['security'],
        summary: '修改角色权限 Set a role’s permissions',
        params: z.object({ code: z.string().max(40) }),
        body: z.object({ permissions: z.array(z.string().max(60)).max(200) }),
        response: { 200: RoleSchema, 400: ErrorBody, 404: ErrorBody, ...auth },
      },
    },
    async (req) => {
      const { actor } = caller(req);
      const unknown = req.body.permissions.find((p) => !ctx.permissions.has(p));
      if (unknown) throw errors.validation('body.permissions', `unknown permission ${unknown}`);
      const permissions = [...new Set(req.body.permissions)].sort();
      // 三员分立: no role may hold the powers of two of the separated administrators.
      const held = permissions.filter((p) => SEPARATED_PERMISSIONS.includes(p));
      if (held.length > 1) throw errors.validation('body.permissions', `${held.join(' + ')} must stay with separate administrators`);
      const row = await ctx.db.transaction(async (tx) => {
        const [updated] = await tx.update(roles).set({ permissions }).where(eq(roles.code, req.params.code)).returning();
        if (!updated) throw errors.notFound('role');
        // A changed role takes effect at the next sign-in; ending sessions makes that now.
        const holders = await tx.select({ id: users.id }).from(users).where(eq(users.role, updated.code));
        for (const h of holders) await tx.delete(sessions).where(eq(sessions.userId, h.id));
        await recordAudit(tx, actor, { action: 'role.permissions_changed', targetType: 'role', targetId: updated.code, detail: { permissions } });
        return updated;
      });
      return { code: row.code, name: req.lang === 'en-US' ? row.nameEn : row.nameZh, permissions: row.permissions, builtIn: row.builtIn };
    },
  );

  r.get('/api/security/settings', { config: cfg, schema: { tags: ['security'], summary: '安全设置 Security settings', response: { 200: Settings, ...auth } } }, async () => {
    const s = await getSecuritySettings(ctx.db);
    return Settings.parse({ ...s });
  });

  r.put(
    '/api/security/settings',
    { config: cfg, schema: { tags: ['security'], summary: '修改安全设置 Change security settings', body: Settings, response: { 200: Settings, 400: ErrorBody, ...auth } } },
    async (req) => {
      const { actor } = caller(req);
      await getSecuritySettings(ctx.db);
      await ctx.db.transaction(async (tx) => {
        await tx.update(securitySettings).set({ ...req.body, updatedAt: new Date() }).where(eq(securitySettings.id, 1));
        await recordAudit(tx, actor, { action: 'security.settings_changed', targetType: 'security_settings', targetId: '1', detail: { ...req.body } });
      });
      forgetSecuritySettings(ctx.db);
      return req.body;
    },
  );
}
