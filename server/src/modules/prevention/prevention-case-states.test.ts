import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATES, CLOSED_STATES, caseActions, nextCaseState, OCCUPYING_STATES, type CaseAction, type CaseState } from './case-states.js';

const EXPECTED: Record<CaseState, Record<CaseAction, CaseState | null>> = {
  flagged: { observe: 'under_observation', retest_negative: null, retest_positive: 'confirmed', daily_negative: null, daily_positive: null, return_to_post: null },
  under_observation: { observe: null, retest_negative: 'quiet_period', retest_positive: 'confirmed', daily_negative: null, daily_positive: null, return_to_post: null },
  quiet_period: { observe: null, retest_negative: null, retest_positive: null, daily_negative: 'quiet_period', daily_positive: 'confirmed', return_to_post: 'returned' },
  returned: { observe: null, retest_negative: null, retest_positive: null, daily_negative: null, daily_positive: null, return_to_post: null },
  confirmed: { observe: null, retest_negative: null, retest_positive: null, daily_negative: null, daily_positive: null, return_to_post: null },
};

describe('suspected-case workflow', () => {
  it('every state × every action: allowed or refused', () => {
    for (const s of CASE_STATES) for (const a of CASE_ACTIONS) expect(nextCaseState(s, a), `${s} × ${a}`).toBe(EXPECTED[s][a]);
  });

  it('closed states take no action; every open state leads somewhere', () => {
    for (const s of CLOSED_STATES) expect(caseActions({ state: s, quietTests: 99 }, 3)).toEqual([]);
    for (const s of CASE_STATES.filter((x) => !CLOSED_STATES.includes(x))) expect(caseActions({ state: s, quietTests: 0 }, 3).length).toBeGreaterThan(0);
    expect(OCCUPYING_STATES.every((s) => !CLOSED_STATES.includes(s))).toBe(true);
  });

  it('offers the return to post only once the quiet period is tested through', () => {
    expect(caseActions({ state: 'quiet_period', quietTests: 2 }, 3)).toEqual(['daily_negative', 'daily_positive']);
    expect(caseActions({ state: 'quiet_period', quietTests: 3 }, 3)).toEqual(['daily_negative', 'daily_positive', 'return_to_post']);
    expect(caseActions({ state: 'quiet_period', quietTests: 0 }, 0)).toContain('return_to_post');
  });

  it('every state is reachable from flagged', () => {
    const seen = new Set<CaseState>(['flagged']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...seen]) for (const a of CASE_ACTIONS) {
        const to = nextCaseState(s, a);
        if (to && !seen.has(to)) {
          seen.add(to);
          changed = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATES].sort());
  });
});
