/**
 * Suspected-case handling (the guide's 三(七)): a person with suspicious symptoms or a positive pooled screen is moved
 * to an observation point, re-tested within the rule pack's retestHours; negative → quiet period (静默期) with one
 * test a day, then back to post; positive → confirmed and handed to the health authority (closed here).
 */
export const CASE_STATES = ['flagged', 'under_observation', 'quiet_period', 'returned', 'confirmed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_ACTIONS = ['observe', 'retest_negative', 'retest_positive', 'daily_negative', 'daily_positive', 'return_to_post'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The workflow in one place: what each action does from each state (absent: refused). */
export const CASE_TRANSITIONS: Record<CaseState, Partial<Record<CaseAction, CaseState>>> = {
  flagged: { observe: 'under_observation', retest_positive: 'confirmed' },
  under_observation: { retest_negative: 'quiet_period', retest_positive: 'confirmed' },
  quiet_period: { daily_negative: 'quiet_period', daily_positive: 'confirmed', return_to_post: 'returned' },
  returned: {},
  confirmed: {},
};

/** States that hold a room at an observation point (the quiet period is spent in single lodging too: 独立住宿). */
export const OCCUPYING_STATES: readonly CaseState[] = ['under_observation', 'quiet_period'];
export const CLOSED_STATES: readonly CaseState[] = ['returned', 'confirmed'];

export function nextCaseState(from: CaseState, action: CaseAction): CaseState | null {
  return CASE_TRANSITIONS[from][action] ?? null;
}

/** What may be done now: a return to post only once the whole quiet period is tested (one negative a day for quietPeriodDays). */
export function caseActions(c: { state: CaseState; quietTests: number }, quietPeriodDays: number): CaseAction[] {
  return (Object.keys(CASE_TRANSITIONS[c.state]) as CaseAction[]).filter((a) => a !== 'return_to_post' || c.quietTests >= quietPeriodDays);
}
