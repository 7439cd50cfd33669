import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { exec } from '../../testing/helpers.js';
import { users } from '../../platform/auth/tables.js';
import { DEFAULT_ROLES } from '../org/roles.js';
import { OrgUnits } from '../org/units.js';
import { DEFAULT_TASKS_SETTINGS } from './settings.js';
import { SupervisionService } from './supervision.js';
import { ASSIGNMENT_ACTIONS, ASSIGNMENT_TRANSITIONS, NOTICE_TRANSITIONS, type AssignmentAction, type AssignmentActor, type NoticeAction, type NoticeActor } from './states.js';
import { ASSIGNMENT_STATES, NOTICE_STATES, type AssignmentState, type NoticeState } from './tables.js';

/**
 * The assignment and supervision-notice transition tables over HTTP, generated from states.ts:
 * every (state, action) is tried by every account on an item driven there by its shortest path.
 * The allowed side moves it to the table's next state; anyone else gets what the code answers
 * (403 no permission or wrong side, 404 cannot see it, 409 wrong state) and the item stays.
 * `expire` is the system's (the sweep) and is reached here only as the path to `overdue`.
 */
const ACCOUNTS = { kf_industry: 'unit', kf_dispatcher: 'command', kf_supervisor: 'supervisor', kf_tf_transport: null, lk_dispatcher: null } as const;
type Account = keyof typeof ACCOUNTS;
let t: TestApp;
const c = {} as Record<Account, string>;
const perms = {} as Record<Account, ReadonlySet<string>>;
let industry: { type: string; id: string };
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  for (const a of Object.keys(ACCOUNTS) as Account[]) c[a] = await t.login(a);
  const roles = await t.database.db.select({ username: users.username, role: users.role }).from(users).where(inArray(users.username, Object.keys(ACCOUNTS)));
  for (const r of roles) perms[r.username as Account] = new Set(DEFAULT_ROLES.find((x) => x.code === r.role)!.permissions);
  const units = (await t.req('GET', '/api/tasks/units', { cookie: c.kf_dispatcher })).json() as { type: string; id: string; label: string }[];
  industry = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
});
afterAll(async () => {
  await t.close();
});

let n = 0;
async function newAssignment(): Promise<string> {
  n++;
  const res = await t.req('POST', '/api/tasks', { cookie: c.kf_dispatcher, body: { title: `状态表测试任务${n}`, requirement: '按要求落实', deadline: inDays(3), units: [{ type: industry.type, id: industry.id }] } });
  expect(res.statusCode, res.body).toBe(201);
  return (await t.req('GET', `/api/tasks/${res.json().id}`, { cookie: c.kf_dispatcher })).json().assignments[0].id;
}

describe('assignment transition table over HTTP', () => {
  const PATHS: Record<AssignmentState, [Account, AssignmentAction][]> = {
    assigned: [],
    in_progress: [['kf_industry', 'progress']],
    submitted: [['kf_industry', 'complete']],
    returned: [['kf_industry', 'complete'], ['kf_dispatcher', 'return']],
    accepted: [['kf_industry', 'complete'], ['kf_dispatcher', 'accept']],
    cancelled: [['kf_dispatcher', 'cancel']],
  };
  const act = (who: Account, id: string, action: AssignmentAction) => t.req('POST', `/api/tasks/assignments/${id}/${action}`, { cookie: c[who], body: { note: `${action} 说明` } });
  async function stateOf(id: string): Promise<AssignmentState> {
    const d = (await t.req('GET', '/api/tasks/assignments/mine?pageSize=200', { cookie: c.kf_industry })).json();
    return d.items.find((a: { id: string }) => a.id === id).state;
  }
  async function assignmentIn(state: AssignmentState) {
    const id = await newAssignment();
    for (const [who, action] of PATHS[state]) expect((await act(who, id, action)).statusCode, `${state} via ${action}`).toBe(200);
    expect(await stateOf(id)).toBe(state);
    return id;
  }
  const side = (who: Account): AssignmentActor | null => (ACCOUNTS[who] === 'unit' || ACCOUNTS[who] === 'command' ? ACCOUNTS[who] : null);
  const allowed = (who: Account, state: AssignmentState, action: AssignmentAction) => side(who) === ASSIGNMENT_TRANSITIONS[action].by && ASSIGNMENT_TRANSITIONS[action].from.includes(state);
  /** The assignment service checks permission, sight and side before the state. */
  function refusal(who: Account, action: AssignmentAction): number {
    const by = ASSIGNMENT_TRANSITIONS[action].by;
    if (!perms[who].has(by === 'unit' ? 'tasks.handle' : 'tasks.assign')) return 403;
    // The unit and its command see the assignment; the supervisor oversees it too; others do not.
    if (ACCOUNTS[who] === null) return 404;
    if (side(who) !== by) return 403;
    return 409;
  }

  for (const state of ASSIGNMENT_STATES) {
    it(`${state}: every action by every account`, async () => {
      const id = await assignmentIn(state);
      for (const action of ASSIGNMENT_ACTIONS) {
        for (const who of Object.keys(ACCOUNTS) as Account[]) {
          if (allowed(who, state, action)) continue;
          const res = await act(who, id, action);
          expect(res.statusCode, `${who} ${action} in ${state}: ${res.body}`).toBe(refusal(who, action));
        }
      }
      expect(await stateOf(id)).toBe(state);
      let reuse: string | null = id;
      for (const action of ASSIGNMENT_ACTIONS) {
        for (const who of Object.keys(ACCOUNTS) as Account[]) {
          if (!allowed(who, state, action)) continue;
          // The first allowed step reuses the item the refusals left in this state.
          const fresh = reuse ? reuse : await assignmentIn(state);
          reuse = null;
          const res = await act(who, fresh, action);
          expect(res.statusCode, `${who} ${action} in ${state}: ${res.body}`).toBe(200);
          expect(res.json().state).toBe(ASSIGNMENT_TRANSITIONS[action].to);
        }
      }
    });
  }
});

describe('supervision-notice transition table over HTTP', () => {
  type HttpNoticeAction = Exclude<NoticeAction, 'expire'>;
  const HTTP: HttpNoticeAction[] = ['reply', 'return', 'close'];
  const PERM: Record<HttpNoticeAction, string> = { reply: 'supervision.reply', return: 'supervision.issue', close: 'supervision.issue' };
  const act = (who: Account, id: string, action: HttpNoticeAction) => t.req('POST', `/api/supervision/notices/${id}/${action}`, { cookie: c[who], body: { note: `${action} 说明` } });
  const stateOf = async (id: string): Promise<NoticeState> => (await t.req('GET', `/api/supervision/notices/${id}`, { cookie: c.kf_supervisor })).json().notice.state;
  async function noticeIn(state: NoticeState): Promise<string> {
    const a = await newAssignment();
    await exec(t, sql`update task_assignments set deadline = now() - interval '1 day' where id = ${a}`);
    const res = await t.req('POST', '/api/supervision/notices', { cookie: c.kf_supervisor, body: { kind: 'task', itemId: a, requirement: '请说明超期原因' } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    if (state === 'overdue') {
      await exec(t, sql`update supervision_notices set reply_deadline = now() - interval '1 hour' where id = ${id}`);
      const db = t.database.db;
      await new SupervisionService(db, new OrgUnits(db), { subtree: (x) => [x], name: (x) => x }, { notify: async () => {} }, DEFAULT_TASKS_SETTINGS).sweep(new Date());
    }
    if (state === 'replied' || state === 'closed') expect((await act('kf_industry', id, 'reply')).statusCode).toBe(200);
    if (state === 'closed') expect((await act('kf_supervisor', id, 'close')).statusCode).toBe(200);
    expect(await stateOf(id)).toBe(state);
    return id;
  }
  const side = (who: Account): NoticeActor | null => (ACCOUNTS[who] === 'unit' ? 'unit' : ACCOUNTS[who] === 'supervisor' ? 'supervisor' : null);
  const allowed = (who: Account, state: NoticeState, action: HttpNoticeAction) => side(who) === NOTICE_TRANSITIONS[action].by && NOTICE_TRANSITIONS[action].from.includes(state);
  /** The notice service checks the state before the side (an illegal transition is a 409 for anyone who sees it). */
  function refusal(who: Account, state: NoticeState, action: HttpNoticeAction): number {
    if (!perms[who].has(PERM[action])) return 403;
    const sees = ACCOUNTS[who] === 'unit' || ACCOUNTS[who] === 'supervisor' || ACCOUNTS[who] === 'command';
    if (!sees) return 404;
    if (!NOTICE_TRANSITIONS[action].from.includes(state)) return 409;
    return 403;
  }

  for (const state of NOTICE_STATES) {
    it(`${state}: every action by every account`, async () => {
      const id = await noticeIn(state);
      for (const action of HTTP) {
        for (const who of Object.keys(ACCOUNTS) as Account[]) {
          if (allowed(who, state, action)) continue;
          const res = await act(who, id, action);
          expect(res.statusCode, `${who} ${action} in ${state}: ${res.body}`).toBe(refusal(who, state, action));
        }
      }
      expect(await stateOf(id)).toBe(state);
      let reuse: string | null = id;
      for (const action of HTTP) {
        for (const who of Object.keys(ACCOUNTS) as Account[]) {
          if (!allowed(who, state, action)) continue;
          // The first allowed step reuses the item the refusals left in this state.
          const fresh = reuse ? reuse : await noticeIn(state);
          reuse = null;
          const res = await act(who, fresh, action);
          expect(res.statusCode, `${who} ${action} in ${state}: ${res.body}`).toBe(200);
          expect(res.json().state).toBe(NOTICE_TRANSITIONS[action].to);
        }
      }
    });
  }
  it('expire is the sweep’s: issued → overdue, and only from issued', () => {
    expect(NOTICE_TRANSITIONS.expire).toEqual({ from: ['issued'], to: 'overdue', by: 'system' });
  });
});

