import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { userIdOf } from '../../testing/helpers.js';
import { users } from '../../platform/auth/tables.js';
import { DEFAULT_ROLES } from '../org/roles.js';
import { fileDemand } from './test-data.js';
import { DEMAND_ACTIONS, DEMAND_TRANSITIONS, type DemandAction, type Party } from './states.js';
import { DEMAND_STATES, type DemandState } from './tables.js';

/**
 * The whole demand transition table over HTTP, generated from states.ts so it stays exhaustive:
 * for every (state, action), a demand is driven to the state by its shortest path, then the action
 * is tried by every account. The allowed party moves it to the table's next state; anyone else is
 * refused (403 wrong party or no permission, 404 cannot see it, 409 wrong state) and the demand
 * does not move. batch_answer (closing a common issue) and the system party (timers) are not HTTP
 * actions of one demand: common.routes and clocks.test.ts cover them.
 */
type HttpAction = Exclude<DemandAction, 'batch_answer'>;
const HTTP_ACTIONS = DEMAND_ACTIONS.filter((a): a is HttpAction => a !== 'batch_answer');

/** The accounts and the party each is for a demand of ent_lankao held by 兰考县 and dispatched to its 工信局. */
const ACCOUNTS = { ent_lankao: 'enterprise', lk_dispatcher: 'dispatcher', lk_industry: 'unit', kf_liaison: 'liaison', gl_dispatcher: null } as const satisfies Record<string, Party | null>;
type Account = keyof typeof ACCOUNTS;
const PERMISSION: Record<HttpAction, string> = { dispatch: 'demands.dispatch', accept: 'demands.handle', send_back: 'demands.handle', progress: 'demands.read', answer: 'demands.read', revisit: 'demands.file', reopen: 'demands.file', verify: 'demands.dispatch', close: 'demands.dispatch', escalate: 'demands.read', hand_down: 'demands.dispatch' };
const PATH: Record<HttpAction, string> = { dispatch: 'dispatch', accept: 'accept', send_back: 'send-back', progress: 'progress', answer: 'answer', revisit: 'revisit', reopen: 'revisit', verify: 'verify', close: 'close', escalate: 'escalate', hand_down: 'hand-down' };
/** The unit has no demand to see before one is dispatched to it. */
const UNIT_SEES: ReadonlySet<DemandState> = new Set(DEMAND_STATES.filter((s) => s !== 'received' && s !== 'sent_back'));

let t: TestApp;
const c = {} as Record<Account | 'kf_dispatcher' | 'kf_industry', string>;
const perms = {} as Record<Account, ReadonlySet<string>>;
let unit: { type: string; id: string };
let kfUnit: { type: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  for (const a of [...(Object.keys(ACCOUNTS) as Account[]), 'kf_dispatcher', 'kf_industry'] as const) c[a] = await t.login(a);
  const roles = await t.database.db.select({ username: users.username, role: users.role }).from(users).where(inArray(users.username, Object.keys(ACCOUNTS)));
  for (const r of roles) perms[r.username as Account] = new Set(DEFAULT_ROLES.find((x) => x.code === r.role)!.permissions);
  // The liaison cadre is paired with the enterprise, so it is a party to each of its demands.
  const entId = (await t.database.db.select({ e: users.enterpriseId }).from(users).where(eq(users.username, 'ent_lankao')))[0]!.e!;
  const pair = await t.req('POST', '/api/demands/liaisons', { cookie: c.kf_dispatcher, body: { userId: await userIdOf(t, 'kf_liaison'), enterpriseId: entId } });
  expect(pair.statusCode, pair.body).toBe(200);
  const probe = await fileDemand(t, c.ent_lankao);
  const units = (await t.req('GET', `/api/demands/${probe.id}/units`, { cookie: c.lk_dispatcher })).json() as { type: string; id: string; label: string }[];
  unit = units.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
  await act('lk_dispatcher', probe.id, 'escalate');
  const cityUnits = (await t.req('GET', `/api/demands/${probe.id}/units`, { cookie: c.kf_dispatcher })).json() as { type: string; id: string; label: string }[];
  kfUnit = cityUnits.find((u) => u.type === 'department' && u.label.includes('工业和信息化'))!;
});
afterAll(async () => {
  await t.close();
});

function body(action: HttpAction, u = unit): Record<string, unknown> {
  switch (action) {
    case 'dispatch':
      return { unitType: u.type, unitId: u.id };
    case 'revisit':
      return { rating: 5, solved: true };
    case 'reopen':
      return { rating: 2, solved: false, note: '未解决' };
    case 'accept':
    case 'verify':
    case 'close':
      return {};
    case 'send_back':
    case 'progress':
    case 'answer':
    case 'escalate':
    case 'hand_down':
      return { note: `${action} 理由` };
    default: {
      const never: never = action;
      throw new Error(String(never));
    }
  }
}
async function act(who: keyof typeof c, id: string, action: HttpAction, u = unit) {
  return t.req('POST', `/api/demands/${id}/${PATH[action]}`, { cookie: c[who], body: body(action, u) });
}
async function stateOf(id: string): Promise<DemandState> {
  return (await t.req('GET', `/api/demands/${id}`, { cookie: c.lk_dispatcher })).json().demand.state;
}

/** The shortest path from filing to each state, as (account, action) steps. */
const PATHS: Record<DemandState, [Account, HttpAction][]> = {
  received: [],
  dispatched: [['lk_dispatcher', 'dispatch']],
  sent_back: [['lk_dispatcher', 'dispatch'], ['lk_industry', 'send_back']],
  accepted: [['lk_dispatcher', 'dispatch'], ['lk_industry', 'accept']],
  in_progress: [['lk_dispatcher', 'dispatch'], ['lk_industry', 'accept'], ['lk_industry', 'progress']],
  answered: [['lk_dispatcher', 'dispatch'], ['lk_industry', 'accept'], ['lk_industry', 'answer']],
  revisited: [['lk_dispatcher', 'dispatch'], ['lk_industry', 'accept'], ['lk_industry', 'answer'], ['ent_lankao', 'revisit']],
  verified: [['lk_dispatcher', 'dispatch'], ['lk_industry', 'accept'], ['lk_industry', 'answer'], ['ent_lankao', 'revisit'], ['lk_dispatcher', 'verify']],
  closed: [['lk_dispatcher', 'dispatch'], ['lk_industry', 'accept'], ['lk_industry', 'answer'], ['ent_lankao', 'revisit'], ['lk_dispatcher', 'verify'], ['lk_dispatcher', 'close']],
};
async function demandIn(state: DemandState): Promise<string> {
  const d = await fileDemand(t, c.ent_lankao);
  for (const [who, action] of PATHS[state]) {
    const res = await act(who, d.id, action);
    expect(res.statusCode, `${state} via ${action}: ${res.body}`).toBe(200);
  }
  expect(await stateOf(d.id)).toBe(state);
  return d.id;
}

/**
 * Handing down needs a demand escalated to the city first: there the city's dispatcher holds it
 * (and dispatches to the city's own unit for sent_back).
 */
async function escalatedIn(state: 'received' | 'sent_back'): Promise<string> {
  const d = await fileDemand(t, c.ent_lankao);
  expect((await act('lk_dispatcher', d.id, 'escalate')).statusCode).toBe(200);
  if (state === 'sent_back') {
    expect((await act('kf_dispatcher', d.id, 'dispatch', kfUnit)).statusCode).toBe(200);
    expect((await act('kf_industry', d.id, 'send_back')).statusCode).toBe(200);
  }
  return d.id;
}

/** Whether an account is an allowed party for (state, action) on a county demand. */
function allowed(who: Account, state: DemandState, action: HttpAction): boolean {
  const party = ACCOUNTS[who];
  const t = DEMAND_TRANSITIONS[action];
  if (party === null || !t.by.includes(party) || !t.from.includes(state)) return false;
  if (party === 'unit' && !UNIT_SEES.has(state)) return false;
  // A county demand was never escalated: there is no lower level to hand it to (409 not_escalated).
  return action !== 'hand_down';
}
/** What the code answers to everyone else, in the order it checks: permission, sight, party, state. */
function refusal(who: Account, state: DemandState, action: HttpAction): number {
  if (!perms[who].has(PERMISSION[action])) return 403;
  const party = ACCOUNTS[who];
  const sees = party === 'enterprise' || party === 'dispatcher' || party === 'liaison' || (party === 'unit' && UNIT_SEES.has(state));
  if (!sees) return 404;
  if (!DEMAND_TRANSITIONS[action].by.includes(party!)) return 403;
  return 409;
}

describe('demand transition table over HTTP', () => {
  for (const state of DEMAND_STATES) {
    it(`${state}: every action by every account, refused or moved as the table says`, async () => {
      // Refusals do not move the demand: one demand in this state takes all of them.
      const id = await demandIn(state);
      for (const action of HTTP_ACTIONS) {
        for (const who of Object.keys(ACCOUNTS) as Account[]) {
          if (allowed(who, state, action)) continue;
          const res = await act(who, id, action);
          expect(res.statusCode, `${who} ${action} in ${state}: ${res.body}`).toBe(refusal(who, state, action));
        }
      }
      expect(await stateOf(id)).toBe(state);
      let reuse: string | null = id;
      // Each allowed (party, action) on a fresh demand in this state: the table's next state.
      for (const action of HTTP_ACTIONS) {
        for (const who of Object.keys(ACCOUNTS) as Account[]) {
          if (!allowed(who, state, action)) continue;
          // The first allowed step reuses the item the refusals left in this state.
          const fresh = reuse ? reuse : await demandIn(state);
          reuse = null;
          const res = await act(who, fresh, action);
          expect(res.statusCode, `${who} ${action} in ${state}: ${res.body}`).toBe(200);
          expect(res.json().state, `${who} ${action} in ${state}`).toBe(DEMAND_TRANSITIONS[action].to);
        }
      }
    });
  }

  it('hand_down: the holding city dispatcher hands an escalated demand back down; the county cannot', async () => {
    for (const state of DEMAND_TRANSITIONS.hand_down.from) {
      const id = await escalatedIn(state as 'received' | 'sent_back');
      expect(await stateOf(id)).toBe(state);
      expect((await act('lk_dispatcher', id, 'hand_down')).statusCode, `county in ${state}`).toBe(403);
      expect((await act('gl_dispatcher', id, 'hand_down')).statusCode).toBe(404);
      const res = await act('kf_dispatcher', id, 'hand_down');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ state: DEMAND_TRANSITIONS.hand_down.to, level: 'county', holderRegionCode: '410225' });
    }
    // Not escalated: the right party is refused by the state of the demand.
    const county = await demandIn('received');
    expect((await act('lk_dispatcher', county, 'hand_down')).json().code).toBe('demands.not_escalated');
  });

  it('the generated cases cover every (state, action) of the table', () => {
    const covered = new Set<string>();
    for (const state of DEMAND_STATES) for (const action of HTTP_ACTIONS) covered.add(`${state}:${action}`);
    expect(covered.size).toBe(DEMAND_STATES.length * HTTP_ACTIONS.length);
    // Every allowed transition has an account realising it (hand_down through the escalated path).
    for (const action of HTTP_ACTIONS) {
      for (const from of DEMAND_TRANSITIONS[action].from) {
        const realised = action === 'hand_down' || (Object.keys(ACCOUNTS) as Account[]).some((who) => allowed(who, from, action));
        expect(realised, `${action} from ${from}`).toBe(true);
      }
    }
  });
});
