import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { randomToken, sm3Hex } from '../../platform/crypto.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { Db } from '../../platform/db/index.js';
import { preventionApiKeys } from './tables.js';

export type ApiKeyRow = typeof preventionApiKeys.$inferSelect;
const PREFIX = 'sbk_';

/** A new machine key: the clear key is shown once, only its SM3 hash is stored. */
export async function createApiKey(db: Db, scope: Scope, actor: AuditActor, body: { name: string; regionCode: string }): Promise<{ key: string; row: ApiKeyRow }> {
  const key = `${PREFIX}${randomToken(24)}`;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(preventionApiKeys).values({ name: body.name, prefix: key.slice(0, 10), keyHash: sm3Hex(key), regionCode: body.regionCode, createdBy: actor.name }).returning();
    await recordAudit(tx, actor, { action: 'prevention.api_key.create', targetType: 'prevention_api_key', targetId: row!.id, regionCode: body.regionCode, detail: { name: body.name, prefix: row!.prefix } });
    return { key, row: row! };
  });
}

export async function listApiKeys(db: Db, scope: Scope): Promise<ApiKeyRow[]> {
  return db.select().from(preventionApiKeys).where(scopeWhere(scope, preventionApiKeys)).orderBy(desc(preventionApiKeys.createdAt));
}

export async function revokeApiKey(db: Db, scope: Scope, actor: AuditActor, id: string): Promise<ApiKeyRow> {
  return db.transaction(async (tx) => {
    const cur = (await tx.select().from(preventionApiKeys).where(scopeWhere(scope, preventionApiKeys, eq(preventionApiKeys.id, id))))[0];
    if (!cur) throw errors.notFound('api_key');
    if (cur.revokedAt) return cur;
    const [row] = await tx.update(preventionApiKeys).set({ revokedAt: new Date() }).where(eq(preventionApiKeys.id, id)).returning();
    await recordAudit(tx, actor, { action: 'prevention.api_key.revoke', targetType: 'prevention_api_key', targetId: id, regionCode: cur.regionCode, detail: { name: cur.name } });
    return row!;
  });
}

/** The key behind an `Authorization: Bearer sbk_…` header, or 401 like a missing session. */
export async function authenticateKey(db: Db, header: string | undefined): Promise<ApiKeyRow> {
  const m = /^Bearer\s+(sbk_[A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw errors.unauthenticated();
  const row = (await db.select().from(preventionApiKeys).where(and(eq(preventionApiKeys.keyHash, sm3Hex(m[1]!)), isNull(preventionApiKeys.revokedAt))))[0];
  if (!row) throw errors.unauthenticated();
  await db.update(preventionApiKeys).set({ lastUsedAt: new Date() }).where(eq(preventionApiKeys.id, row.id));
  return row;
}
