import { errors } from '../../platform/errors.js';
import type { DemandState } from './tables.js';

/**
 * The demand loop, whole, in one table: which action moves a demand from which states to which,
 * and which party may take it. Parties are relative to the demand: the enterprise that filed it,
 * the dispatcher of the command holding it, the responsible unit it is dispatched to, a liaison
 * cadre paired with the enterprise, and the system (timers).
 *
 * received → dispatched → accepted | sent_back → in_progress → answered → revisited → verified → closed
 * An unsolved revisit reopens it (in_progress); escalation and handing down put it back to
 * received at the other level, where that level's dispatch clock starts.
 */
export const PARTIES = ['enterprise', 'dispatcher', 'unit', 'liaison', 'system'] as const;
export type Party = (typeof PARTIES)[number];

export const DEMAND_ACTIONS = ['dispatch', 'accept', 'send_back', 'progress', 'answer', 'revisit', 'reopen', 'verify', 'close', 'escalate', 'hand_down', 'batch_answer'] as const;
export type DemandAction = (typeof DEMAND_ACTIONS)[number];

const OPEN: readonly DemandState[] = ['received', 'sent_back', 'dispatched', 'accepted', 'in_progress'];

export const DEMAND_TRANSITIONS: Readonly<Record<DemandAction, { from: readonly DemandState[]; to: DemandState; by: readonly Party[] }>> = {
  dispatch: { from: ['received', 'sent_back'], to: 'dispatched', by: ['dispatcher'] },
  accept: { from: ['dispatched'], to: 'accepted', by: ['unit'] },
  send_back: { from: ['dispatched', 'accepted'], to: 'sent_back', by: ['unit'] },
  progress: { from: ['accepted', 'in_progress'], to: 'in_progress', by: ['unit', 'liaison'] },
  answer: { from: ['accepted', 'in_progress'], to: 'answered', by: ['unit', 'liaison'] },
  /** The enterprise rates the answer and says it is solved. */
  revisit: { from: ['answered'], to: 'revisited', by: ['enterprise'] },
  /** The enterprise says it is not solved: back to the unit. */
  reopen: { from: ['answered'], to: 'in_progress', by: ['enterprise'] },
  verify: { from: ['revisited'], to: 'verified', by: ['dispatcher'] },
  close: { from: ['verified'], to: 'closed', by: ['dispatcher'] },
  escalate: { from: OPEN, to: 'received', by: ['dispatcher', 'unit', 'system'] },
  hand_down: { from: ['received', 'sent_back'], to: 'received', by: ['dispatcher'] },
  /** A common issue closed with one answer answers each of its open members. */
  batch_answer: { from: OPEN, to: 'answered', by: ['dispatcher', 'unit'] },
};

export function canDo(action: DemandAction, from: DemandState, parties: readonly Party[]): boolean {
  const t = DEMAND_TRANSITIONS[action];
  return t.from.includes(from) && parties.some((p) => t.by.includes(p));
}

/** The next state, or 409 demands.invalid_transition (wrong state) / 403 (wrong party). */
export function nextState(action: DemandAction, from: DemandState, parties: readonly Party[]): DemandState {
  const t = DEMAND_TRANSITIONS[action];
  if (!parties.some((p) => t.by.includes(p))) throw errors.forbidden();
  if (!t.from.includes(from)) throw errors.of(409, 'demands.invalid_transition', { action, from });
  return t.to;
}

/** What a caller holding these parties may do now: the buttons the web app enables. */
export function actionsFor(from: DemandState, parties: readonly Party[]): DemandAction[] {
  return DEMAND_ACTIONS.filter((a) => a !== 'batch_answer' && canDo(a, from, parties));
}

export function isOpen(state: DemandState): boolean {
  return OPEN.includes(state);
}
