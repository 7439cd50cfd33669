import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Prepared statements kept per connection at most; past it, statements run unnamed (parsed each time). */
export const MAX_PREPARED_PER_CONNECTION = 500;
/** Longer texts are one-off bulk statements: not worth a slot in the backend's plan cache. */
const MAX_TEXT_LENGTH = 8_000;

interface QueryConfigLike {
  text: string;
  name?: string;
  values?: unknown[];
}

function isConfig(x: unknown): x is QueryConfigLike {
  return typeof x === 'object' && x !== null && typeof (x as { text?: unknown }).text === 'string' && typeof (x as { submit?: unknown }).submit !== 'function';
}

const names = new Map<string, string>();

/** The statement's name: the same text always gets the same name, so a connection parses it once. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    // Bounded like each connection's set: the texts a running server sends are a small, stable family.
    if (names.size >= MAX_PREPARED_PER_CONNECTION * 4) names.clear();
    names.set(text, name);
  }
  return name;
}

/**
 * A pg client that prepares every parameterised statement on its connection the first time it runs
 * it, as postgres.js and pgx do: a list page sends the same few statement shapes over and over, and
 * PostgreSQL's parse and analysis of them was most of the database's time per request. Statements
 * without parameters keep the simple protocol (they may hold several statements, as migrations do).
 */
export function autoPreparingClient(Base: typeof pg.Client): typeof pg.Client {
  class AutoPreparingClient extends Base {
    private readonly prepared = new Set<string>();

    // pg's query() has many overloads; only the (config, values, callback?) form is rewritten.
    override query(...args: unknown[]): never {
      const [first, second] = args;
      const values = Array.isArray(second) ? second : isConfig(first) ? first.values : undefined;
      if (isConfig(first) && !first.name && values && values.length > 0 && first.text.length <= MAX_TEXT_LENGTH) {
        const name = statementName(first.text);
        if (this.prepared.has(name) || this.prepared.size < MAX_PREPARED_PER_CONNECTION) {
          this.prepared.add(name);
          args[0] = { ...first, name };
        }
      }
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  }
  return AutoPreparingClient as unknown as typeof pg.Client;
}
