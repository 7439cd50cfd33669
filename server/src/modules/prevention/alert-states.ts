import type { AlertStatus } from './tables.js';

export const ALERT_ACTIONS = ['acknowledge', 'resolve'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** The alert workflow in one place: what each action does from each status (absent: refused). */
export const ALERT_TRANSITIONS: Record<AlertStatus, Partial<Record<AlertAction, AlertStatus>>> = {
  open: { acknowledge: 'acknowledged', resolve: 'resolved' },
  acknowledged: { resolve: 'resolved' },
  resolved: {},
};

export function nextAlertStatus(from: AlertStatus, action: AlertAction): AlertStatus | null {
  return ALERT_TRANSITIONS[from][action] ?? null;
}

export function alertActions(from: AlertStatus): AlertAction[] {
  return Object.keys(ALERT_TRANSITIONS[from]) as AlertAction[];
}
