import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Conn, Db } from '../db/index.js';
import { randomToken, sm3Hex, type FieldCrypto } from '../crypto.js';
import { errors } from '../errors.js';
import { recordAudit, type AuditActor } from '../audit/service.js';
import { dummyHash, hashPassword, passwordMeetsPolicy, verifyPassword } from './passwords.js';
import { matchTotpStep } from './totp.js';
import { roles, securitySettings, sessions, users } from './tables.js';

export type UserRow = typeof users.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type SecuritySettings = typeof securitySettings.$inferSelect;

export interface SessionUser {
  user: UserRow;
  role: RoleRow;
  /** A second factor is required for this account but not yet set up: only enrollment is allowed. */
  mustEnrollTotp: boolean;
}

export async function getSecuritySettings(conn: Conn): Promise<SecuritySettings> {
  const rows = await conn.select().from(securitySettings).where(eq(securitySettings.id, 1));
  if (rows[0]) return rows[0];
  const inserted = await conn.insert(securitySettings).values({ id: 1 }).onConflictDoNothing().returning();
  return inserted[0] ?? (await conn.select().from(securitySettings).where(eq(securitySettings.id, 1)))[0]!;
}

/**
 * Every request's session check needs the settings; they change rarely, so each process keeps them
 * for a few seconds (a change made here takes effect at once, one made by another instance within
 * SETTINGS_TTL_MS).
 */
const SETTINGS_TTL_MS = 5_000;
const settingsCache = new WeakMap<object, { at: number; value: SecuritySettings }>();

export async function cachedSecuritySettings(db: Db): Promise<SecuritySettings> {
  const hit = settingsCache.get(db);
  if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
  const value = await getSecuritySettings(db);
  settingsCache.set(db, { at: Date.now(), value });
  return value;
}

export function forgetSecuritySettings(db: Db): void {
  settingsCache.delete(db);
}

export function needsTotp(user: UserRow, role: RoleRow, settings: SecuritySettings): boolean {
  return role.isAdmin || (settings.totpForGovernment && user.enterpriseId === null);
}

async function roleOf(conn: Conn, code: string): Promise<RoleRow> {
  const r = await conn.select().from(roles).where(eq(roles.code, code));
  if (!r[0]) throw new Error(`unknown role ${code}`);
  return r[0];
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

export interface LoginResult {
  token: string;
  session: SessionUser;
  maxAgeSeconds: number;
}

/**
 * Checks the credentials and opens a session. Every outcome is audited; failures count toward
 * the lock-out, which answers 423 until it expires.
 */
export async function login(
  db: Db,
  crypto: FieldCrypto,
  input: LoginInput,
  client: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const settings = await getSecuritySettings(db);
  const found = (await db.select().from(users).where(eq(users.username, input.username)))[0];
  const actor: AuditActor = { id: found?.id ?? null, name: input.username, ip: client.ip };
  if (!found) {
    await verifyPassword(await dummyHash(), input.password);
    await recordAudit(db, actor, { action: 'auth.login_failed', detail: { reason: 'unknown_user' } });
    throw errors.of(401, 'auth.invalid_credentials');
  }
  const now = new Date();
  if (found.lockedUntil && found.lockedUntil > now) {
    // Only the right password learns of the lock: a guesser gets the answer an unknown name gets,
    // so the lock cannot be used to find out which accounts exist.
    const right = await verifyPassword(found.passwordHash, input.password);
    await recordAudit(db, actor, { action: 'auth.login_refused', targetType: 'user', targetId: found.id, detail: { reason: 'locked', passwordRight: right } });
    if (!right) throw errors.of(401, 'auth.invalid_credentials');
    throw errors.of(423, 'auth.locked', { until: found.lockedUntil.toISOString() });
  }
  if (!(await verifyPassword(found.passwordHash, input.password))) {
    await registerFailure(db, found, settings, actor, 'wrong_password');
    throw errors.of(401, 'auth.invalid_credentials');
  }
  if (found.disabled) {
    await recordAudit(db, actor, { action: 'auth.login_refused', targetType: 'user', targetId: found.id, detail: { reason: 'disabled' } });
    throw errors.of(401, 'auth.disabled');
  }
  const role = await roleOf(db, found.role);
  const totpNeeded = needsTotp(found, role, settings);
  // Once an account has a second factor it always needs it, whatever the setting says now.
  if (found.totpEnabled && found.totpSecretEnc) {
    if (!input.totp) throw errors.of(401, 'auth.totp_required', {}, 'body.totp');
    const step = matchTotpStep(crypto.decrypt(found.totpSecretEnc), input.totp, now.getTime());
    // Claiming the step atomically refuses a code already used, even by a concurrent request.
    const claimed = step === null ? [] : await db.update(users).set({ totpLastStep: step }).where(and(eq(users.id, found.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step)))).returning({ id: users.id });
    if (claimed.length === 0) {
      await registerFailure(db, found, settings, actor, step === null ? 'wrong_totp' : 'reused_totp');
      throw errors.of(401, 'auth.totp_invalid', {}, 'body.totp');
    }
  }
  const token = randomToken();
  const maxAgeSeconds = settings.absoluteLifetimeHours * 3600;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, found.id));
    await tx.insert(sessions).values({
      id: sm3Hex(token),
      userId: found.id,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, actor, { action: 'auth.login', targetType: 'user', targetId: found.id, regionCode: found.regionCode });
  });
  return { token, maxAgeSeconds, session: { user: found, role, mustEnrollTotp: totpNeeded && !found.totpEnabled } };
}

async function registerFailure(db: Db, user: UserRow, settings: SecuritySettings, actor: AuditActor, reason: string) {
  const failed = user.failedLogins + 1;
  const lock = failed >= settings.lockoutThreshold;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        failedLogins: lock ? 0 : failed,
        lockedUntil: lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000) : user.lockedUntil,
      })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, {
      action: lock ? 'auth.locked' : 'auth.login_failed',
      targetType: 'user',
      targetId: user.id,
      detail: { reason, failures: failed },
    });
  });
}

/**
 * Resolves the cookie token to its account, enforcing the idle timeout and absolute lifetime.
 * A disabled account's sessions were deleted when it was disabled, so they never resolve.
 */
/** Built once per database: the lookup runs on every request, and building its three-table select cost more than running it. */
const lookups = new WeakMap<Db, ReturnType<typeof buildSessionLookup>>();
function buildSessionLookup(db: Db) {
  return db
    .select({ session: sessions, user: users, role: roles })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(roles, eq(roles.code, users.role))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('session_lookup');
}
function sessionLookup(db: Db) {
  let q = lookups.get(db);
  if (!q) lookups.set(db, (q = buildSessionLookup(db)));
  return q;
}

export async function resolveSession(db: Db, token: string): Promise<SessionUser | null> {
  const id = sm3Hex(token);
  const rows = await sessionLookup(db).execute({ id });
  const row = rows[0];
  if (!row) return null;
  const settings = await cachedSecuritySettings(db);
  const now = Date.now();
  const idleLimit = row.session.lastSeenAt.getTime() + settings.idleTimeoutMinutes * 60_000;
  if (row.session.expiresAt.getTime() <= now || idleLimit <= now || row.user.disabled) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: the idle clock needs no finer grain, and it saves a write per request.
  if (now - row.session.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  const totpNeeded = needsTotp(row.user, row.role, settings);
  return { user: row.user, role: row.role, mustEnrollTotp: totpNeeded && !row.user.totpEnabled };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sm3Hex(token)));
}

export async function endSessionsOf(conn: Conn, userId: string): Promise<void> {
  await conn.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Db, idleMinutes: number): Promise<void> {
  const idleCutoff = new Date(Date.now() - idleMinutes * 60_000);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff)));
}

export async function changePassword(
  db: Db,
  user: UserRow,
  current: string,
  next: string,
  actor: AuditActor,
): Promise<void> {
  const settings = await getSecuritySettings(db);
  if (!(await verifyPassword(user.passwordHash, current))) throw errors.of(400, 'auth.wrong_password', {}, 'body.currentPassword');
  if (current === next) throw errors.of(400, 'auth.password_reused', {}, 'body.newPassword');
  assertPasswordPolicy(next, settings);
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date() })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: 'auth.password_changed', targetType: 'user', targetId: user.id });
  });
}

export function assertPasswordPolicy(password: string, settings: SecuritySettings, field = 'body.newPassword'): void {
  if (!passwordMeetsPolicy(password, settings.passwordMinLength)) {
    throw errors.of(400, 'auth.weak_password', { min: String(settings.passwordMinLength) }, field);
  }
}

/** Stores a fresh, not yet enabled secret; enableTotp switches it on once a code proves the phone has it. */
export async function startTotpEnrollment(db: Db, crypto: FieldCrypto, user: UserRow, secret: string): Promise<void> {
  if (user.totpEnabled) throw errors.forbidden();
  await db.update(users).set({ totpSecretEnc: crypto.encrypt(secret) }).where(eq(users.id, user.id));
}

export async function enableTotp(db: Db, crypto: FieldCrypto, user: UserRow, code: string, actor: AuditActor): Promise<void> {
  const fresh = (await db.select().from(users).where(eq(users.id, user.id)))[0];
  if (!fresh?.totpSecretEnc || fresh.totpEnabled) throw errors.of(400, 'auth.totp_invalid', {}, 'body.code');
  const step = matchTotpStep(crypto.decrypt(fresh.totpSecretEnc), code);
  if (step === null) throw errors.of(400, 'auth.totp_invalid', {}, 'body.code');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true, totpLastStep: step }).where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: 'auth.totp_enabled', targetType: 'user', targetId: user.id });
  });
}
