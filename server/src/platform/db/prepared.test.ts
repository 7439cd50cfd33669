import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { autoPreparingClient, MAX_PREPARED_PER_CONNECTION, statementName } from './prepared.js';

/** Stands in for pg.Client: records what reaches the driver. */
function fakeBase() {
  const seen: unknown[][] = [];
  class Base {
    query(...args: unknown[]) {
      seen.push(args);
      return undefined as never;
    }
  }
  return { Base: Base as unknown as typeof pg.Client, seen };
}

describe('auto-preparing client', () => {
  it('names a parameterised statement by its text, the same text always the same name', () => {
    const { Base, seen } = fakeBase();
    const Client = autoPreparingClient(Base);
    const c = new Client();
    c.query({ text: 'select $1::int', values: [1] });
    c.query({ text: 'select $1::int', values: [2] });
    c.query({ text: 'select $1::text', values: ['x'] });
    c.query({ text: 'select $1::int' }, [3]);
    const names = seen.map((a) => (a[0] as { name?: string }).name);
    expect(names[0]).toBe(statementName('select $1::int'));
    expect(names[1]).toBe(names[0]);
    expect(names[3]).toBe(names[0]);
    expect(names[2]).not.toBe(names[0]);
    expect(seen[3]![1]).toEqual([3]);
  });

  it('leaves statements without parameters, named ones and plain strings alone', () => {
    const { Base, seen } = fakeBase();
    const c = new (autoPreparingClient(Base))();
    c.query({ text: 'create table a (x int); create table b (y int)' });
    c.query({ text: 'select $1', values: [1], name: 'mine' });
    c.query('select $1', [1]);
    expect((seen[0]![0] as { name?: string }).name).toBeUndefined();
    expect((seen[1]![0] as { name?: string }).name).toBe('mine');
    expect(seen[2]![0]).toBe('select $1');
  });

  it('stops naming new statements once a connection holds the most it may, still naming the known ones', () => {
    const { Base, seen } = fakeBase();
    const c = new (autoPreparingClient(Base))();
    for (let i = 0; i <= MAX_PREPARED_PER_CONNECTION; i++) c.query({ text: `select $1 + ${i}`, values: [i] });
    c.query({ text: 'select $1 + 0', values: [0] });
    const names = seen.map((a) => (a[0] as { name?: string }).name);
    expect(names.slice(0, MAX_PREPARED_PER_CONNECTION).every((n) => n !== undefined)).toBe(true);
    expect(names[MAX_PREPARED_PER_CONNECTION]).toBeUndefined();
    expect(names.at(-1)).toBe(statementName('select $1 + 0'));
  });
});
