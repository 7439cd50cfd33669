import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rows } from '../../testing/helpers.js';
import { sql } from 'drizzle-orm';
import { ASSIGNMENT_STATES, NOTICE_STATES } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('tasks demo data', () => {
  it('covers every assignment and notice state, and holds last Friday’s weekly report of every command', async () => {
    const states = (await rows<{ state: string }>(t, sql`select distinct state from task_assignments`)).map((r) => r.state).sort();
    expect(states).toEqual([...ASSIGNMENT_STATES].sort());
    const noticeStates = (await rows<{ state: string }>(t, sql`select distinct state from supervision_notices`)).map((r) => r.state).sort();
    expect(noticeStates).toEqual([...NOTICE_STATES].sort());
    const reports = await rows<{ n: number; c: number }>(t, sql`select count(*)::int as n, (select count(*)::int from commands) as c from weekly_reports`);
    expect(reports[0]!.n).toBe(reports[0]!.c);
    const cookie = await t.login('kf_supervisor');
    const board = (await t.req('GET', '/api/supervision/overdue', { cookie })).json();
    expect(board.total).toBeGreaterThan(0);
  });
});
