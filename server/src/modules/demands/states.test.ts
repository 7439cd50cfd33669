import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { actionsFor, canDo, DEMAND_ACTIONS, DEMAND_TRANSITIONS, nextState, PARTIES } from './states.js';
import { DEMAND_STATES } from './tables.js';

describe('demand state machine', () => {
  it('every state × action × party is allowed exactly as the table says', () => {
    let allowed = 0;
    for (const action of DEMAND_ACTIONS) {
      const t = DEMAND_TRANSITIONS[action];
      for (const from of DEMAND_STATES) {
        for (const party of PARTIES) {
          const ok = t.from.includes(from) && t.by.includes(party);
          expect(canDo(action, from, [party]), `${action} ${from} ${party}`).toBe(ok);
          if (ok) {
            allowed++;
            expect(nextState(action, from, [party])).toBe(t.to);
          } else {
            let err: unknown;
            try {
              nextState(action, from, [party]);
            } catch (e) {
              err = e;
            }
            expect(err).toBeInstanceOf(AppError);
            // A party that may never take the action is forbidden; the right party in the wrong state is a conflict.
            expect((err as AppError).statusCode).toBe(t.by.includes(party) ? 409 : 403);
            if (t.by.includes(party)) expect((err as AppError).code).toBe('demands.invalid_transition');
          }
        }
      }
    }
    expect(allowed).toBeGreaterThan(20);
  });

  it('closed is final and every other state has a way forward', () => {
    for (const s of DEMAND_STATES) {
      const way = actionsFor(s, PARTIES);
      if (s === 'closed') expect(way).toEqual([]);
      else expect(way.length, s).toBeGreaterThan(0);
    }
  });

  it('the buttons of the enterprise on an answered demand are revisit and reopen', () => {
    expect(actionsFor('answered', ['enterprise'])).toEqual(['revisit', 'reopen']);
    expect(actionsFor('dispatched', ['unit'])).toEqual(['accept', 'send_back', 'escalate']);
  });
});
