import { asc, gt, sql } from 'drizzle-orm';
import type { Conn, Db } from '../db/index.js';
import { sm3Hex } from '../crypto.js';
import { auditEvents } from './tables.js';

export interface AuditActor {
  id: string | null;
  name: string | null;
  ip: string | null;
}

export interface AuditInput {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  regionCode?: string | null;
  detail?: Record<string, unknown> | null;
}

export const GENESIS_HASH = '0'.repeat(64);
// Any constant works: it only has to be the same for every writer of the chain.
const CHAIN_LOCK = 7_263_001;

/** Key order of jsonb is not the order we wrote, so the hashed form sorts keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

interface Hashable {
  at: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  regionCode: string | null;
  detail: Record<string, unknown> | null;
}

export function eventHash(prevHash: string, e: Hashable): string {
  return sm3Hex(
    prevHash +
      canonicalJson([e.at, e.actorId, e.actorName, e.ip, e.action, e.targetType, e.targetId, e.regionCode, e.detail]),
  );
}

/**
 * Appends one event. Call it with the transaction that makes the change, so the change and its
 * record commit or fail together; the advisory lock keeps the chain linear under concurrency.
 */
export async function recordAudit(conn: Conn, actor: AuditActor, input: AuditInput): Promise<void> {
  const write = async (tx: Conn) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    const last = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    const prevHash = last[0]?.hash ?? GENESIS_HASH;
    const e: Hashable = {
      at: new Date().toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      ip: actor.ip,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      regionCode: input.regionCode ?? null,
      detail: input.detail ?? null,
    };
    await tx.insert(auditEvents).values({ ...e, prevHash, hash: eventHash(prevHash, e) });
  };
  if ('rollback' in conn) await write(conn);
  else await conn.transaction(write);
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  brokenAt: { id: number; at: string; reason: 'hash_mismatch' | 'link_mismatch' } | null;
}

/** Walks the whole chain in id order; reports the first event whose link or hash does not hold. */
export async function verifyChain(db: Db, batchSize = 5000): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked, brokenAt: null };
    for (const r of rows) {
      const at = new Date(r.at).toISOString();
      if (r.prevHash !== prev) return { ok: false, checked, brokenAt: { id: r.id, at, reason: 'link_mismatch' } };
      const expected = eventHash(r.prevHash, { ...r, at, detail: r.detail ?? null });
      if (expected !== r.hash) return { ok: false, checked, brokenAt: { id: r.id, at, reason: 'hash_mismatch' } };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
}
