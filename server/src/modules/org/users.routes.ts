import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging, Uuid } from '../../platform/schemas.js';
import { errors } from '../../platform/errors.js';
import { maskPhone } from '../../platform/crypto.js';
import { sendXlsx, shanghaiTime } from '../../platform/excel.js';
import {
  createUser,
  getUserInScope,
  listRoles,
  listUsers,
  resetPassword,
  unlockUser,
  updateUser,
  type UserFilter,
} from '../../platform/auth/accounts.js';
import type { UserRow } from '../../platform/auth/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Scope } from '../../platform/scope.js';
import type { OrgService } from './service.js';

const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    roleName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    taskForceId: z.string().nullable(),
    taskForceName: z.string().nullable(),
    enterpriseId: z.string().nullable(),
    enterpriseName: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    disabled: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    totpEnabled: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
type UserView = z.infer<typeof UserSchema>;

const Filters = z.object({
  q: z.string().trim().max(64).optional(),
  regionCode: z.string().regex(/^\d{6}$/).optional(),
  role: z.string().max(40).optional(),
  status: z.enum(['enabled', 'disabled', 'locked']).optional(),
});
const Username = z.string().trim().regex(/^[A-Za-z0-9_.-]{3,40}$/, '3–40 letters, digits, _ . -');
const Phone = z.string().trim().regex(/^1\d{10}$/, '11-digit mobile number');
const auth = { 401: ErrorBody, 403: ErrorBody };
const SEPARATED_ROLES = new Set(['security_admin', 'audit_admin']);

export function userRoutes(org: OrgService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const { ctx } = app;
    const cfg = { permission: 'users.manage' };

    async function views(rows: UserRow[], lang: string): Promise<UserView[]> {
      const [labels, roleRows] = await Promise.all([org.labelUsers(rows), listRoles(ctx.db)]);
      const roleName = new Map(roleRows.map((x) => [x.code, lang === 'en-US' ? x.nameEn : x.nameZh]));
      return rows.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        roleName: roleName.get(u.role) ?? u.role,
        regionCode: u.regionCode,
        regionName: org.regionDir.get(u.regionCode)?.name ?? u.regionCode,
        departmentId: u.departmentId,
        departmentName: u.departmentId ? (labels.departments.get(u.departmentId) ?? null) : null,
        taskForceId: u.taskForceId,
        taskForceName: u.taskForceId ? (labels.taskForces.get(u.taskForceId) ?? null) : null,
        enterpriseId: u.enterpriseId,
        enterpriseName: u.enterpriseId ? (labels.enterprises.get(u.enterpriseId) ?? null) : null,
        phoneMasked: u.phoneEnc ? maskPhone(ctx.crypto.decrypt(u.phoneEnc)) : null,
        disabled: u.disabled,
        lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
        lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
        totpEnabled: u.totpEnabled,
        createdAt: u.createdAt.toISOString(),
      }));
    }

    function filterOf(scope: Scope, q: z.infer<typeof Filters>): UserFilter {
      return { ...q, regionCodes: q.regionCode ? org.regionDir.subtree(org.requireRegion(scope, q.regionCode).code) : undefined };
    }

    /**
     * 三员分立: the system administrator must not be able to create, take over or silence the
     * security and audit administrators, so those accounts are outside its reach.
     */
    async function manageable(scope: Scope, id: string): Promise<UserRow> {
      const user = await getUserInScope(ctx.db, scope, id);
      if (SEPARATED_ROLES.has(user.role)) throw errors.forbidden();
      return user;
    }

    /** The references of a new or changed account must exist, fit together and lie in the admin's scope. */
    async function checkRefs(scope: Scope, b: { role?: string | undefined; regionCode: string; departmentId?: string | null | undefined; taskForceId?: string | null | undefined; enterpriseId?: string | null | undefined }) {
      const roles = await listRoles(ctx.db);
      const role = b.role ? roles.find((x) => x.code === b.role) : undefined;
      if (b.role && !role) throw errors.validation('body.role', 'unknown role');
      if (b.role && SEPARATED_ROLES.has(b.role)) throw errors.validation('body.role', 'the security and audit administrators are not assigned by the system administrator');
      if (!org.regionDir.get(b.regionCode) || !(scope.kind === 'government' && (scope.regionCodes === null || scope.regionCodes.includes(b.regionCode)))) {
        throw errors.validation('body.regionCode', 'region outside your scope');
      }
      if (b.departmentId && !(await org.departmentInRegion(b.departmentId, b.regionCode))) throw errors.validation('body.departmentId', 'not a department of this region');
      if (b.taskForceId && !(await org.taskForceInRegion(b.taskForceId, b.regionCode))) throw errors.validation('body.taskForceId', 'not a task force of this region');
      if (b.role === 'enterprise_user') {
        if (!b.enterpriseId) throw errors.validation('body.enterpriseId', 'required for an enterprise user');
        const ent = await org.enterpriseInScope(scope, b.enterpriseId);
        if (!ent) throw errors.validation('body.enterpriseId', 'enterprise outside your scope');
        return ent.regionCode;
      }
      if (b.enterpriseId) throw errors.validation('body.enterpriseId', 'only enterprise users belong to an enterprise');
      return b.regionCode;
    }

    r.get(
      '/api/users',
      { config: cfg, schema: { tags: ['users'], summary: '用户列表 Users', querystring: Filters.extend(Paging), response: { 200: pageOf(UserSchema), 400: ErrorBody, 404: ErrorBody, ...auth } } },
      async (req) => {
        const { scope } = caller(req);
        const { page, pageSize, ...f } = req.query;
        const res = await listUsers(ctx.db, scope, filterOf(scope, f), { page, pageSize });
        return { items: await views(res.items, req.lang), total: res.total };
      },
    );

    // The role pickers of the user pages: /api/security/roles needs security.manage, which the system admin lacks.
    r.get(
      '/api/users/roles',
      { config: cfg, schema: { tags: ['users'], summary: '可分配的角色 Roles to assign', response: { 200: z.array(z.object({ code: z.string(), name: z.string() })), ...auth } } },
      async (req) => (await listRoles(ctx.db)).map((x) => ({ code: x.code, name: req.lang === 'en-US' ? x.nameEn : x.nameZh })),
    );

    r.get(
      '/api/users/export',
      { config: cfg, schema: { tags: ['users'], summary: '导出用户 Export users (xlsx)', querystring: Filters, response: { 400: ErrorBody, 404: ErrorBody, ...auth } } },
      async (req, reply) => {
        const { scope } = caller(req);
        const res = await listUsers(ctx.db, scope, filterOf(scope, req.query));
        const rows = await views(res.items, req.lang);
        await recordAudit(ctx.db, caller(req).actor, { action: 'user.exported', targetType: 'user', detail: { rows: rows.length, ...req.query } });
        const en = req.lang === 'en-US';
        return sendXlsx(reply, en ? 'users' : '用户列表', en ? 'Users' : '用户', [
          { header: en ? 'Username' : '用户名', value: (u) => u.username },
          { header: en ? 'Name' : '姓名', value: (u) => u.displayName },
          { header: en ? 'Role' : '角色', value: (u) => u.roleName },
          { header: en ? 'Region' : '地区', value: (u) => u.regionName },
          { header: en ? 'Department' : '部门', value: (u) => u.departmentName ?? u.taskForceName ?? u.enterpriseName ?? '' },
          { header: en ? 'Phone' : '手机号', value: (u) => u.phoneMasked ?? '' },
          { header: en ? 'Status' : '状态', value: (u) => (u.disabled ? (en ? 'disabled' : '停用') : u.lockedUntil ? (en ? 'locked' : '锁定') : en ? 'enabled' : '启用') },
          { header: en ? 'Last sign-in' : '最近登录', value: (u) => shanghaiTime(u.lastLoginAt) },
        ], rows);
      },
    );

    r.post(
      '/api/users',
      {
        config: cfg,
        schema: {
          tags: ['users'],
          summary: '新建用户 Create a user',
          body: z.object({
            username: Username,
            displayName: z.string().trim().min(1).max(40),
            role: z.string().min(1).max(40),
            regionCode: z.string().regex(/^\d{6}$/),
            departmentId: Uuid.nullish(),
            taskForceId: Uuid.nullish(),
            enterpriseId: Uuid.nullish(),
            phone: Phone.nullish(),
            password: z.string().min(1).max(128),
          }),
          response: { 201: UserSchema, 400: ErrorBody, 409: ErrorBody, ...auth },
        },
      },
      async (req, reply) => {
        const { scope, actor } = caller(req);
        const b = req.body;
        const regionCode = await checkRefs(scope, b);
        const row = await createUser(ctx.db, ctx.crypto, { ...b, regionCode, departmentId: b.departmentId ?? null, taskForceId: b.taskForceId ?? null, enterpriseId: b.enterpriseId ?? null, phone: b.phone ?? null }, actor);
        const [view] = await views([row], req.lang);
        return reply.status(201).send(view);
      },
    );

    r.patch(
      '/api/users/:id',
      {
        config: cfg,
        schema: {
          tags: ['users'],
          summary: '修改用户 Update a user',
          params: z.object({ id: Uuid }),
          body: z.object({
            displayName: z.string().trim().min(1).max(40).optional(),
            role: z.string().min(1).max(40).optional(),
            departmentId: Uuid.nullable().optional(),
            taskForceId: Uuid.nullable().optional(),
            disabled: z.boolean().optional(),
          }),
          response: { 200: UserSchema, 400: ErrorBody, 404: ErrorBody, ...auth },
        },
      },
      async (req: FastifyRequest<{ Params: { id: string }; Body: { displayName?: string; role?: string; departmentId?: string | null; taskForceId?: string | null; disabled?: boolean } }>) => {
        const { scope, actor, session } = caller(req);
        const user = await manageable(scope, req.params.id);
        if (user.id === session.user.id && req.body.disabled) throw errors.validation('body.disabled', 'you cannot disable your own account');
        if (req.body.role && (req.body.role === 'enterprise_user') !== (user.enterpriseId !== null)) throw errors.validation('body.role', 'cannot move an account between enterprise and government');
        await checkRefs(scope, { ...req.body, regionCode: user.regionCode, enterpriseId: req.body.role === 'enterprise_user' ? user.enterpriseId : null, role: req.body.role });
        const row = await updateUser(ctx.db, user, req.body, actor);
        const [view] = await views([row], req.lang);
        return view!;
      },
    );

    r.post(
      '/api/users/:id/reset-password',
      {
        config: cfg,
        schema: { tags: ['users'], summary: '重置密码 Reset a password', params: z.object({ id: Uuid }), body: z.object({ password: z.string().min(1).max(128) }), response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, ...auth } },
      },
      async (req, reply) => {
        const { scope, actor } = caller(req);
        await resetPassword(ctx.db, await manageable(scope, req.params.id), req.body.password, actor);
        return reply.status(204).send(null);
      },
    );

    r.post(
      '/api/users/:id/unlock',
      { config: cfg, schema: { tags: ['users'], summary: '解除锁定 Unlock', params: z.object({ id: Uuid }), response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody, ...auth } } },
      async (req, reply) => {
        const { scope, actor } = caller(req);
        await unlockUser(ctx.db, await manageable(scope, req.params.id), actor);
        return reply.status(204).send(null);
      },
    );
  };
}
