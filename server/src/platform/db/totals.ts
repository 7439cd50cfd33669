import { getTableName, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from './index.js';
import { buildCondition, rawQuery, type BuiltCondition } from './page-reader.js';

/**
 * List totals that stay cheap over a million rows. An exact count(*) of a city's records reads
 * every one of them on every page request; instead a list counts at most TOTAL_CAP + 1 rows and
 * says "more than TOTAL_CAP" beyond (the page numbers stop there: filters narrow the list).
 */
export const TOTAL_CAP = 10_000;

/** The fields a capped list adds to its page: `total` is exact unless `totalCapped`. */
export const CappedTotal = { total: z.number(), totalCapped: z.boolean() };

/** A total that stops counting at the cap: `total` is exact unless `totalCapped` (then it is the cap). */
export interface Capped {
  total: number;
  totalCapped: boolean;
}

/** The response schema of a page with a capped total: `{ items, total, totalCapped }`. */
export function cappedPageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), ...CappedTotal });
}

/** Totals of several lists shown as one (each capped on its own), capped again at `cap`. */
export function sumCapped(parts: readonly Capped[], cap = TOTAL_CAP): Capped {
  const n = parts.reduce((sum, p) => sum + p.total, 0);
  const capped = parts.some((p) => p.totalCapped) || n > cap;
  return { total: Math.min(n, cap), totalCapped: capped };
}

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
  private readonly running = new Map<string, Promise<number>>();
  private generation = 0;

  constructor(private readonly db: Db) {}

  /** Call after every write to the counted table commits (and inside its transaction). */
  changed(): void {
    this.generation++;
    this.cache.clear();
    this.running.clear();
  }

  async total(table: PgTable, where: SQL | BuiltCondition, cap = TOTAL_CAP): Promise<Capped> {
    const { text, params } = 'text' in where ? where : buildCondition(where);
    const key = `${getTableName(table)}\u0000${cap}\u0000${text}\u0000${JSON.stringify(params)}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    let n: number;
    if (hit && now - hit.at < TTL_MS) {
      n = hit.n;
    } else {
      // Requests that miss together share one count: when a popular total expires, a hundred open
      // pages would otherwise all count the same rows at once. Joining a count already running is
      // as fresh as starting one, since none of them saw a later change (changed() drops the join).
      let running = this.running.get(key);
      if (!running) {
        const gen = this.generation;
        const countText = `select count(*)::int from (select 1 from "${getTableName(table)}" where ${text} limit $${params.length + 1}) capped`;
        running = rawQuery(this.db, countText, [...params, cap + 1])
          .then((r) => {
            const counted = Number(r.rows[0]?.[0] ?? 0);
            if (gen === this.generation) {
              if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
              this.cache.set(key, { n: counted, at: now });
            }
            return counted;
          })
          .finally(() => {
            if (this.running.get(key) === running) this.running.delete(key);
          });
        this.running.set(key, running);
      }
      n = await running;
    }
    return n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false };
  }
}
