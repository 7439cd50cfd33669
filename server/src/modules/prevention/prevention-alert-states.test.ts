import { describe, expect, it } from 'vitest';
import { ALERT_ACTIONS, nextAlertStatus } from './alert-states.js';
import { ALERT_STATUSES, type AlertStatus } from './tables.js';

const EXPECTED: Record<AlertStatus, Record<(typeof ALERT_ACTIONS)[number], AlertStatus | null>> = {
  open: { acknowledge: 'acknowledged', resolve: 'resolved' },
  acknowledged: { acknowledge: null, resolve: 'resolved' },
  resolved: { acknowledge: null, resolve: null },
};

describe('sentinel alert workflow', () => {
  it('every status × every action: allowed or refused', () => {
    for (const s of ALERT_STATUSES) for (const a of ALERT_ACTIONS) expect(nextAlertStatus(s, a), `${s} × ${a}`).toBe(EXPECTED[s][a]);
  });
});
