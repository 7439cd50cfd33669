import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { concurrentConnections } from '../../platform/db/index.js';
import { regionLookup } from '../../seed/whitelist.js';
import { MATCH_PARTS, partOf } from './matching-parts.js';
import { PoliciesService } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('a whole matching run split over connections', () => {
  it('puts a policy always in the same part, and uses every part', () => {
    const ids = Array.from({ length: 200 }, () => randomUUID());
    const parts = ids.map((id) => partOf(id, MATCH_PARTS));
    expect(ids.map((id) => partOf(id, MATCH_PARTS))).toEqual(parts);
    expect(new Set(parts).size).toBe(MATCH_PARTS);
    expect(parts.every((p) => p >= 0 && p < MATCH_PARTS)).toBe(true);
  });

  it('matches what one transaction matches, and two overlapping runs neither fail nor double a pair', async () => {
    const svc = new PoliciesService(t.database.db, await regionLookup(t.database.db));
    const pairs = async () => ((await t.database.db.execute(sql`select policy_id || ':' || enterprise_id as k from policy_matches where qualifies order by 1`)) as unknown as { rows: { k: string }[] }).rows.map((r) => r.k);
    const first = await svc.matchPublished(new Date());
    expect(first.policies).toBeGreaterThan(1);
    const expected = await pairs();
    // From empty, both runs at once: on PostgreSQL each splits in parts (one connection each on PGlite).
    await t.database.db.execute(sql`delete from policy_matches`);
    await t.database.db.execute(sql`delete from policy_match_state`);
    const both = await Promise.all([svc.matchPublished(new Date()), svc.matchPublished(new Date())]);
    expect(both.reduce((n, o) => n + o.added, 0)).toBe(expected.length);
    expect(await pairs()).toEqual(expected);
    expect((await svc.matchPublished(new Date())).unchanged).toBe(true);
    expect(concurrentConnections(t.database.db)).toBe(t.database.kind === 'postgres' ? 20 : 1);
  });
});
