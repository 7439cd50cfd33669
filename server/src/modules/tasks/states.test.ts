import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_ACTIONS, ASSIGNMENT_TRANSITIONS, assignmentActions, canAssignment, canNotice, nextAssignment, nextNotice, NOTICE_ACTIONS, NOTICE_TRANSITIONS, noticeActions } from './states.js';
import { ASSIGNMENT_STATES, NOTICE_STATES } from './tables.js';

describe('tasks state machines', () => {
  it('allows exactly the assignment transitions of the table (every state × every action)', () => {
    for (const action of ASSIGNMENT_ACTIONS) {
      for (const from of ASSIGNMENT_STATES) {
        const allowed = ASSIGNMENT_TRANSITIONS[action].from.includes(from);
        expect(canAssignment(action, from)).toBe(allowed);
        if (allowed) expect(nextAssignment(action, from)).toBe(ASSIGNMENT_TRANSITIONS[action].to);
        else expect(() => nextAssignment(action, from)).toThrow('tasks.invalid_transition');
      }
    }
  });
  it('closes accepted and cancelled assignments for good', () => {
    for (const from of ['accepted', 'cancelled'] as const) expect(assignmentActions(from, ['unit', 'command'])).toEqual([]);
    expect(assignmentActions('submitted', ['unit'])).toEqual([]);
    expect(assignmentActions('submitted', ['command'])).toEqual(['accept', 'return', 'cancel']);
    expect(assignmentActions('returned', ['unit'])).toEqual(['progress', 'complete']);
  });
  it('allows exactly the notice transitions of the table (every state × every action)', () => {
    for (const action of NOTICE_ACTIONS) {
      for (const from of NOTICE_STATES) {
        const allowed = NOTICE_TRANSITIONS[action].from.includes(from);
        expect(canNotice(action, from)).toBe(allowed);
        if (allowed) expect(nextNotice(action, from)).toBe(NOTICE_TRANSITIONS[action].to);
        else expect(() => nextNotice(action, from)).toThrow('tasks.invalid_transition');
      }
    }
    expect(noticeActions('closed', ['unit', 'supervisor', 'system'])).toEqual([]);
    expect(noticeActions('overdue', ['unit'])).toEqual(['reply']);
    expect(noticeActions('replied', ['supervisor'])).toEqual(['return', 'close']);
  });
});
