import { count, getTableName, sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';

/**
 * List totals that stay cheap over a million rows. An exact count(*) of a city's demands reads
 * every one of them on every page request; instead a list counts at most TOTAL_CAP + 1 rows and
 * says "more than TOTAL_CAP" beyond (the page numbers stop there: filters narrow the list).
 */
export const TOTAL_CAP = 10_000;

/** The fields a capped list adds to its page: `total` is exact unless `totalCapped`. */
export const CappedTotal = { total: z.number(), totalCapped: z.boolean() };

/** How long a total may be reused: what another instance's change can take to show in a total. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 500;

/**
 * Capped totals, reused for a few seconds by identical list queries (the same filters and scope
 * give the same SQL and parameters, e.g. every dispatcher of a city). A change made through this
 * instance (`changed()`) drops them at once; a total computed while a change committed is not kept.
 */
export class TotalCounter {
  private readonly cache = new Map<string, { n: number; at: number }>();
  private generation = 0;
  // Only to key the cache by the condition's text and values, without building the whole count query.
  private readonly dialect = new PgDialect({ casing: 'snake_case' });

  constructor(private readonly db: Db) {}

  /** Call after every write to the counted table commits (and inside its transaction). */
  changed(): void {
    this.generation++;
    this.cache.clear();
  }

  async total(table: PgTable, where: SQL, cap = TOTAL_CAP): Promise<{ total: number; totalCapped: boolean }> {
    const { sql: text, params } = this.dialect.sqlToQuery(where);
    const key = `${getTableName(table)}\u0000${cap}\u0000${text}\u0000${JSON.stringify(params)}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    let n: number;
    if (hit && now - hit.at < TTL_MS) {
      n = hit.n;
    } else {
      const gen = this.generation;
      const inner = this.db.select({ one: sql`1` }).from(table).where(where).limit(cap + 1).as('capped');
      n = (await this.db.select({ n: count() }).from(inner))[0]?.n ?? 0;
      if (gen === this.generation) {
        if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(key, { n, at: now });
      }
    }
    return n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false };
  }
}
