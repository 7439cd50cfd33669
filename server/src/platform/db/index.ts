import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import * as schema from '../../schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: services take this so callers choose the boundary. */
export type Conn = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests copy a seeded database this way). */
  dump?: () => Promise<Blob>;
  /**
   * LISTEN on a channel: `onMessage` gets each NOTIFY payload. A NOTIFY sent inside a transaction
   * is delivered only when it commits, which makes it the after-commit signal, and on PostgreSQL
   * it reaches every instance. Returns the unsubscribe function.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
}

/**
 * How many transactions the database can run at once for one caller: PGlite has a single
 * connection, a PostgreSQL pool several. Bulk jobs split their work by it.
 */
export function concurrentConnections(db: Db): number {
  const client = (db as unknown as { $client: { waitReady?: unknown; options?: { max?: number } } }).$client;
  return 'waitReady' in client ? 1 : (client.options?.max ?? 10);
}

/** On PostgreSQL, LISTEN needs a connection of its own that stays open (never a pooled one). */
async function pgListener(databaseUrl: string) {
  const { default: pg } = await import('pg');
  const handlers = new Map<string, Set<(payload: string) => void>>();
  // The connection as a promise, so concurrent callers share one connect.
  let client: Promise<InstanceType<typeof pg.Client>> | null = null;
  let closed = false;
  const connect = async (): Promise<InstanceType<typeof pg.Client>> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
    });
    c.on('error', (err) => {
      console.error('LISTEN connection lost, reconnecting:', err.message);
      client = null;
      if (!closed) setTimeout(reconnect, 1000);
    });
    await c.connect();
    for (const ch of handlers.keys()) await c.query(`listen "${ch}"`);
    return c;
  };
  const ensure = () =>
    (client ??= connect().catch((err: unknown) => {
      client = null;
      throw err;
    }));
  // After a lost connection: keep trying, once a second, until it is back or closed.
  const reconnect = () => {
    if (closed) return;
    ensure().catch((e: unknown) => {
      console.error('LISTEN reconnect failed:', e);
      setTimeout(reconnect, 1000);
    });
  };
  return {
    async listen(channel: string, onMessage: (payload: string) => void) {
      if (!/^\w+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      const set = handlers.get(channel) ?? new Set();
      const first = set.size === 0;
      set.add(onMessage);
      handlers.set(channel, set);
      const c = await ensure();
      if (first) await c.query(`listen "${channel}"`);
      return async () => {
        set.delete(onMessage);
      };
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      if (c) await (await c).end();
    },
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_DIR = path.resolve(here, '../../../../migrations');

/** Opens PGlite (a directory, or in memory when dataDir is null) or PostgreSQL, and migrates it. */
export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string | null; loadDump?: Blob }): Promise<Database> {
  if (opts.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const { autoPreparingClient } = await import('./prepared.js');
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 20, Client: autoPreparingClient(pg.Client) });
    // An idle client whose connection the server closes (restart, admin kill, failover) is dropped by the
    // pool and replaced on the next checkout; without a listener its error would crash the process.
    pool.on('error', () => {});
    const db = drizzle(pool, { schema, casing: 'snake_case' });
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    const listener = await pgListener(opts.databaseUrl);
    return {
      db,
      kind: 'postgres',
      listen: (channel, onMessage) => listener.listen(channel, onMessage),
      close: async () => {
        await listener.close();
        await pool.end();
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = opts.dataDir
    ? new PGlite(path.join(opts.dataDir, 'pglite'))
    : new PGlite(opts.loadDump ? { loadDataDir: opts.loadDump } : {});
  await client.waitReady;
  const db = drizzle(client, { schema, casing: 'snake_case' });
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return {
    db,
    kind: 'pglite',
    close: () => client.close(),
    dump: () => client.dumpDataDir('none'),
    listen: (channel, onMessage) => client.listen(channel, onMessage),
  };
}
