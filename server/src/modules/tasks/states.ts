import { errors } from '../../platform/errors.js';
import type { AssignmentState, NoticeState } from './tables.js';

/**
 * The two state machines of the module, each with its whole transition table here.
 * An assignment: the unit reports progress or completion (with evidence); the command accepts or
 * returns it; the command may cancel an open assignment.
 * A supervision notice (督办单): issued → replied → closed; the supervisor may return an
 * unsatisfying reply; a notice left unanswered past its reply deadline becomes overdue (the
 * unit can still reply late).
 */
export type AssignmentAction = 'progress' | 'complete' | 'accept' | 'return' | 'cancel';
/** Who may take an action: the assigned unit, or the assigning command. */
export type AssignmentActor = 'unit' | 'command';
export const ASSIGNMENT_TRANSITIONS: Readonly<Record<AssignmentAction, { from: readonly AssignmentState[]; to: AssignmentState; by: AssignmentActor }>> = {
  progress: { from: ['assigned', 'in_progress', 'returned'], to: 'in_progress', by: 'unit' },
  complete: { from: ['assigned', 'in_progress', 'returned'], to: 'submitted', by: 'unit' },
  accept: { from: ['submitted'], to: 'accepted', by: 'command' },
  return: { from: ['submitted'], to: 'returned', by: 'command' },
  cancel: { from: ['assigned', 'in_progress', 'submitted', 'returned'], to: 'cancelled', by: 'command' },
};
export const ASSIGNMENT_ACTIONS = Object.keys(ASSIGNMENT_TRANSITIONS) as AssignmentAction[];
/** States in which the work is still owed: these count as overdue past the deadline. */
export const OPEN_ASSIGNMENT_STATES: readonly AssignmentState[] = ['assigned', 'in_progress', 'submitted', 'returned'];

export function canAssignment(action: AssignmentAction, from: AssignmentState): boolean {
  return ASSIGNMENT_TRANSITIONS[action].from.includes(from);
}
export function nextAssignment(action: AssignmentAction, from: AssignmentState): AssignmentState {
  if (!canAssignment(action, from)) throw errors.of(409, 'tasks.invalid_transition', { action, from });
  return ASSIGNMENT_TRANSITIONS[action].to;
}
/** The actions the given side may take now, for the UI's buttons. */
export function assignmentActions(from: AssignmentState, sides: readonly AssignmentActor[]): AssignmentAction[] {
  return ASSIGNMENT_ACTIONS.filter((a) => sides.includes(ASSIGNMENT_TRANSITIONS[a].by) && canAssignment(a, from));
}

export type NoticeAction = 'reply' | 'return' | 'close' | 'expire';
export type NoticeActor = 'unit' | 'supervisor' | 'system';
export const NOTICE_TRANSITIONS: Readonly<Record<NoticeAction, { from: readonly NoticeState[]; to: NoticeState; by: NoticeActor }>> = {
  reply: { from: ['issued', 'overdue'], to: 'replied', by: 'unit' },
  return: { from: ['replied'], to: 'issued', by: 'supervisor' },
  close: { from: ['replied'], to: 'closed', by: 'supervisor' },
  expire: { from: ['issued'], to: 'overdue', by: 'system' },
};
export const NOTICE_ACTIONS = Object.keys(NOTICE_TRANSITIONS) as NoticeAction[];

export function canNotice(action: NoticeAction, from: NoticeState): boolean {
  return NOTICE_TRANSITIONS[action].from.includes(from);
}
export function nextNotice(action: NoticeAction, from: NoticeState): NoticeState {
  if (!canNotice(action, from)) throw errors.of(409, 'tasks.invalid_transition', { action, from });
  return NOTICE_TRANSITIONS[action].to;
}
export function noticeActions(from: NoticeState, sides: readonly NoticeActor[]): NoticeAction[] {
  return NOTICE_ACTIONS.filter((a) => sides.includes(NOTICE_TRANSITIONS[a].by) && canNotice(a, from));
}
