import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './index.js';

/** Builds SQL text the way the application's drizzle instance does (snake_case column names). */
const dialect = new PgDialect({ casing: 'snake_case' });

/** A condition built to text once: the same text and parameters serve the page, its total and their cache keys. */
export interface BuiltCondition {
  text: string;
  params: unknown[];
}

export function buildCondition(where: SQL): BuiltCondition {
  const q = dialect.sqlToQuery(where);
  return { text: q.sql, params: q.params };
}

interface RawClient {
  query(...args: unknown[]): Promise<{ rows: unknown[][] }>;
}

/** PGlite and node-postgres both answer query(); they differ in where the options go. */
export function rawQuery(db: Db, text: string, params: unknown[]): Promise<{ rows: unknown[][] }> {
  const client = (db as unknown as { $client: RawClient & { waitReady?: unknown } }).$client;
  if ('waitReady' in client) return client.query(text, params, { rowMode: 'array' });
  return client.query({ text, values: params, rowMode: 'array' });
}

/**
 * Reads pages of whole rows of one table for a hot list. Drizzle rebuilds a select of every column
 * (names, casing, ordering) on each call, which on a list of forty columns cost more than the
 * database's own work; here the select list and the order are built once, only the condition per
 * request, and rows are mapped exactly as drizzle maps them. The condition comes from the same
 * scope functions as every other query, so this changes how the SQL is assembled, not what it filters.
 */
export class PageReader<T extends PgTable> {
  private readonly head: string;
  private readonly orderText: string;
  private readonly columns: [string, PgColumn][];

  constructor(table: T, order: SQL) {
    this.columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
    const list = dialect.sqlToQuery(sql.join(this.columns.map(([, c]) => sql`${c}`), sql`, `)).sql;
    this.head = `select ${list} from ${dialect.escapeName(getTableName(table))} where `;
    const o = dialect.sqlToQuery(order);
    if (o.params.length) throw new Error('a page order must not take parameters');
    this.orderText = o.sql;
  }

  async page(db: Db, where: BuiltCondition, limit: number, offset: number): Promise<T['$inferSelect'][]> {
    const n = where.params.length;
    const text = `${this.head}${where.text} order by ${this.orderText} limit $${n + 1} offset $${n + 2}`;
    const { rows } = await rawQuery(db, text, [...where.params, limit, offset]);
    const cols = this.columns;
    return rows.map((raw) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < cols.length; i++) {
        const [key, col] = cols[i]!;
        const v = raw[i];
        // node-postgres and PGlite already give Dates for timestamps; drizzle's mapper expects strings.
        out[key] = v === null || v === undefined ? null : v instanceof Date ? v : col.mapFromDriverValue(v);
      }
      return out as T['$inferSelect'];
    });
  }
}
