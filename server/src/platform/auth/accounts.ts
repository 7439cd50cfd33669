import { containsPattern } from '../schemas.js';
import { and, asc, count, eq, gt, ilike, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Conn, Db } from '../db/index.js';
import type { FieldCrypto } from '../crypto.js';
import { errors } from '../errors.js';
import { recordAudit, type AuditActor } from '../audit/service.js';
import { scopeWhere, type Scope } from '../scope.js';
import { hashPassword } from './passwords.js';
import { assertPasswordPolicy, endSessionsOf, getSecuritySettings, type UserRow } from './service.js';
import { roles, users } from './tables.js';

export interface UserFilter {
  q?: string | undefined;
  regionCodes?: string[] | undefined;
  role?: string | undefined;
  status?: 'enabled' | 'disabled' | 'locked' | undefined;
}

function filterWhere(scope: Scope, f: UserFilter): SQL {
  const conds: (SQL | undefined)[] = [];
  if (f.q) conds.push(or(ilike(users.username, containsPattern(f.q)), ilike(users.displayName, containsPattern(f.q))));
  if (f.regionCodes) conds.push(f.regionCodes.length ? or(...f.regionCodes.map((c) => eq(users.regionCode, c))) : undefined);
  if (f.role) conds.push(eq(users.role, f.role));
  const now = new Date();
  if (f.status === 'disabled') conds.push(eq(users.disabled, true));
  if (f.status === 'enabled') conds.push(and(eq(users.disabled, false), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))));
  if (f.status === 'locked') conds.push(gt(users.lockedUntil, now));
  return scopeWhere(scope, users, and(...conds));
}

export async function listUsers(db: Db, scope: Scope, f: UserFilter, page?: { page: number; pageSize: number }) {
  const where = filterWhere(scope, f);
  const q = db.select().from(users).where(where).orderBy(asc(users.username));
  const items = page ? await q.limit(page.pageSize).offset((page.page - 1) * page.pageSize) : await q.limit(50_000);
  const total = (await db.select({ n: count() }).from(users).where(where))[0]?.n ?? 0;
  return { items, total };
}

export async function getUserInScope(conn: Conn, scope: Scope, id: string): Promise<UserRow> {
  const r = await conn.select().from(users).where(scopeWhere(scope, users, eq(users.id, id)));
  if (!r[0]) throw errors.notFound('user');
  return r[0];
}

export async function listRoles(conn: Conn) {
  return conn.select().from(roles).orderBy(asc(roles.code));
}

export async function roleExists(conn: Conn, code: string): Promise<boolean> {
  return (await conn.select({ c: roles.code }).from(roles).where(eq(roles.code, code))).length > 0;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  departmentId: string | null;
  taskForceId: string | null;
  enterpriseId: string | null;
  phone: string | null;
  password: string;
}

export async function createUser(db: Db, crypto: FieldCrypto, input: NewUser, actor: AuditActor): Promise<UserRow> {
  assertPasswordPolicy(input.password, await getSecuritySettings(db), 'body.password');
  const taken = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken.length) throw errors.conflict('body.username');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        regionCode: input.regionCode,
        departmentId: input.departmentId,
        taskForceId: input.taskForceId,
        enterpriseId: input.enterpriseId,
        phoneEnc: input.phone ? crypto.encrypt(input.phone) : null,
        phoneHash: input.phone ? crypto.lookupHash(input.phone) : null,
        passwordHash,
        mustChangePassword: true,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'user.created',
      targetType: 'user',
      targetId: row.id,
      regionCode: row.regionCode,
      detail: { username: row.username, role: row.role },
    });
    return row;
  });
}

export interface UserPatch {
  displayName?: string | undefined;
  role?: string | undefined;
  departmentId?: string | null | undefined;
  taskForceId?: string | null | undefined;
  disabled?: boolean | undefined;
}

/** Disabling an account ends its sessions in the same transaction, so it is out at once. */
export async function updateUser(db: Db, user: UserRow, patch: UserPatch, actor: AuditActor): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(users).set(patch).where(eq(users.id, user.id)).returning();
    if (!row) throw errors.notFound('user');
    if (patch.disabled === true || (patch.role && patch.role !== user.role)) await endSessionsOf(tx, user.id);
    await recordAudit(tx, actor, {
      action: patch.disabled === true ? 'user.disabled' : patch.disabled === false ? 'user.enabled' : 'user.updated',
      targetType: 'user',
      targetId: user.id,
      regionCode: user.regionCode,
      detail: { changed: Object.keys(patch) },
    });
    return row;
  });
}

export async function resetPassword(db: Db, user: UserRow, password: string, actor: AuditActor): Promise<void> {
  assertPasswordPolicy(password, await getSecuritySettings(db), 'body.password');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await endSessionsOf(tx, user.id);
    await recordAudit(tx, actor, { action: 'user.password_reset', targetType: 'user', targetId: user.id, regionCode: user.regionCode });
  });
}

export async function unlockUser(db: Db, user: UserRow, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: 'user.unlocked', targetType: 'user', targetId: user.id, regionCode: user.regionCode });
  });
}

export async function countUsers(db: Db, scope: Scope): Promise<number> {
  return (await db.select({ n: count() }).from(users).where(scopeWhere(scope, users)))[0]?.n ?? 0;
}
