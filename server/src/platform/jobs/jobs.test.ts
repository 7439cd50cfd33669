import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/index.js';
import { createTestApp } from '../../testing/app.js';
import { JobQueue, defaultBackoff } from './index.js';
import { jobs } from './tables.js';

const MIN = 60_000;
let dir: string;
let database: Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sibao-jobs-'));
  database = await openDatabase({ databaseUrl: null, dataDir: dir });
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function quietQueue(db: Database['db'], opts: ConstructorParameters<typeof JobQueue>[1] = {}) {
  return new JobQueue(db, { onError: () => {}, ...opts });
}

async function rowOf(key: string) {
  return (await database.db.select().from(jobs).where(eq(jobs.key, key)))[0];
}

describe('jobs', () => {
  it('a timer survives a restart: close and reopen the database, the job still runs', async () => {
    const first = quietQueue(database.db);
    first.register('test.restart', async () => {});
    const runAt = new Date(Date.now() + 10 * MIN);
    await first.schedule(database.db, { kind: 'test.restart', runAt, payload: { n: 1 }, key: 'restart:1' });
    expect(await first.runDue(new Date(runAt.getTime() - 1000))).toBe(0);
    await first.stop();
    await database.close();

    database = await openDatabase({ databaseUrl: null, dataDir: dir });
    const second = quietQueue(database.db);
    const seen: unknown[] = [];
    second.register('test.restart', async (payload) => {
      seen.push(payload);
    });
    expect(await second.runDue(runAt)).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await rowOf('restart:1')).toBeUndefined();
    expect(await second.runDue(new Date(runAt.getTime() + 60 * MIN))).toBe(0);
  });

  it('scheduling a key again replaces the earlier timer; cancel removes it', async () => {
    const q = quietQueue(database.db);
    const seen: unknown[] = [];
    q.register('test.keyed', async (payload) => {
      seen.push(payload);
    });
    const t0 = Date.now();
    await database.db.transaction(async (tx) => {
      await q.schedule(tx, { kind: 'test.keyed', runAt: new Date(t0 + 5 * MIN), payload: 'first', key: 'keyed:a' });
      await q.schedule(tx, { kind: 'test.keyed', runAt: new Date(t0 + 20 * MIN), payload: 'second', key: 'keyed:a' });
    });
    expect(await q.runDue(new Date(t0 + 10 * MIN))).toBe(0);
    expect(await q.runDue(new Date(t0 + 21 * MIN))).toBe(1);
    expect(seen).toEqual(['second']);

    await q.schedule(database.db, { kind: 'test.keyed', runAt: new Date(t0 + 5 * MIN), payload: 'cancelled', key: 'keyed:b' });
    await q.cancel(database.db, 'keyed:b');
    await q.cancel(database.db, 'keyed:none');
    expect(await q.runDue(new Date(t0 + 60 * MIN))).toBe(0);
    expect(seen).toEqual(['second']);
  });

  it('a timer scheduled in a transaction that rolls back does not exist', async () => {
    const q = quietQueue(database.db);
    q.register('test.rollback', async () => {});
    await expect(
      database.db.transaction(async (tx) => {
        await q.schedule(tx, { kind: 'test.rollback', runAt: new Date(), key: 'rollback:1' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await rowOf('rollback:1')).toBeUndefined();
  });

  it('retries a failure with back-off and records the error, then gives up after the maximum', async () => {
    const q = quietQueue(database.db, { maxAttempts: 3 });
    let calls = 0;
    q.register('test.flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const t0 = Date.now();
    await q.schedule(database.db, { kind: 'test.flaky', runAt: new Date(t0), key: 'flaky:1' });
    expect(await q.runDue(new Date(t0))).toBe(1);
    let row = await rowOf('flaky:1');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: boom 1' });
    expect(row!.runAt.getTime()).toBe(t0 + defaultBackoff(1));
    // Not before the back-off has passed.
    expect(await q.runDue(new Date(t0 + defaultBackoff(1) - 1))).toBe(0);
    expect(await q.runDue(new Date(t0 + defaultBackoff(1)))).toBe(1);
    row = await rowOf('flaky:1');
    expect(row).toMatchObject({ status: 'pending', attempts: 2, lastError: 'Error: boom 2' });
    expect(await q.runDue(new Date(t0 + 60 * MIN))).toBe(1);
    row = await rowOf('flaky:1');
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Error: boom 3' });
    expect(await q.runDue(new Date(t0 + 600 * MIN))).toBe(0);
    expect(calls).toBe(3);
  });

  it('succeeds on a retry after a failure', async () => {
    const q = quietQueue(database.db);
    let calls = 0;
    q.register('test.once-flaky', async () => {
      calls++;
      if (calls === 1) throw new Error('transient');
    });
    const t0 = Date.now();
    await q.schedule(database.db, { kind: 'test.once-flaky', runAt: new Date(t0), key: 'once-flaky' });
    await q.runDue(new Date(t0));
    await q.runDue(new Date(t0 + defaultBackoff(1)));
    expect(calls).toBe(2);
    expect(await rowOf('once-flaky')).toBeUndefined();
  });

  it('a recurring job re-arms after each run and keeps its schedule across restarts', async () => {
    const q = quietQueue(database.db);
    const runs: number[] = [];
    q.every('test.sweep', 10 * MIN, async ({ now }) => {
      runs.push(now.getTime());
    });
    const t0 = Date.now();
    expect(await q.runDue(new Date(t0))).toBe(0);
    expect(await q.runDue(new Date(t0 + 10 * MIN + 1000))).toBe(1);
    expect(await q.runDue(new Date(t0 + 10 * MIN + 1000))).toBe(0);
    expect(await q.runDue(new Date(t0 + 20 * MIN + 2000))).toBe(1);
    expect(runs).toHaveLength(2);

    // Another instance (or a restart) registering the same job keeps the stored next run.
    const other = quietQueue(database.db);
    other.every('test.sweep', 10 * MIN, async () => {
      runs.push(-1);
    });
    expect(await other.runDue(new Date(t0 + 25 * MIN))).toBe(0);
    expect(await other.runDue(new Date(t0 + 31 * MIN))).toBe(1);
    expect(runs.at(-1)).toBe(-1);
  });

  it('a claim whose lease ran out (its instance died) is taken over', async () => {
    const q = quietQueue(database.db, { leaseMs: MIN });
    let calls = 0;
    q.register('test.lease', async () => {
      calls++;
    });
    const t0 = Date.now();
    await q.schedule(database.db, { kind: 'test.lease', runAt: new Date(t0), key: 'lease:1' });
    // Simulate a crash after the claim: the row is running with a lease and nobody finishes it.
    await database.db.update(jobs).set({ status: 'running', claimToken: crypto.randomUUID(), leaseUntil: new Date(t0 + MIN) }).where(eq(jobs.key, 'lease:1'));
    expect(await q.runDue(new Date(t0 + 30_000))).toBe(0);
    expect(await q.runDue(new Date(t0 + 2 * MIN))).toBe(1);
    expect(calls).toBe(1);
  });

  it('jobs of kinds this instance has no handler for are left alone', async () => {
    const q = quietQueue(database.db);
    q.register('test.mine', async () => {});
    await q.schedule(database.db, { kind: 'test.theirs', runAt: new Date(), key: 'theirs:1' });
    expect(await q.runDue(new Date(Date.now() + MIN))).toBe(0);
    expect((await rowOf('theirs:1'))?.status).toBe('pending');
  });

  it('the poller runs due jobs and stops cleanly', async () => {
    const q = quietQueue(database.db, { pollMs: 20 });
    let done: () => void = () => {};
    const ran = new Promise<void>((resolve) => {
      done = resolve;
    });
    q.register('test.poller', async () => {
      done();
    });
    await q.schedule(database.db, { kind: 'test.poller', runAt: new Date() });
    q.start();
    await ran;
    await q.stop();
  });

  it('the app exposes its queue as app.jobs', async () => {
    const t = await createTestApp();
    try {
      expect(t.app.jobs).toBeInstanceOf(JobQueue);
      expect(await t.app.jobs.runDue(new Date())).toBe(0);
    } finally {
      await t.close();
    }
  });
});
