import type { preventionCareZhCN } from './prevention-care.zh-CN';

/** en-US messages of the suspected-case, supplies and retention pages; same keys as zh-CN. */
export const preventionCareEnUS: typeof preventionCareZhCN = {
  state: { flagged: 'Flagged', under_observation: 'Under observation', quiet_period: 'Quiet period', returned: 'Returned to post', confirmed: 'Confirmed (handed over)' },
  action: { flag: 'Flagged', observe: 'Move to observation', retest_negative: 'Re-test negative', retest_positive: 'Re-test positive', daily_negative: 'Daily test negative', daily_positive: 'Daily test positive', return_to_post: 'Return to post' },
  cases: {
    title: 'Suspected cases', intro: 'A person with fever, cough or a positive pooled screen moves to an observation point and is re-tested within {{retest}} h; negative → quiet period with one test a day for {{days}} days, then back to post; positive → handed to the health authority.',
    flag: 'Flag a person', employee: 'Employee', employeeSearch: 'Find on the roster by name', reason: 'Situation (symptoms, screen result)', flagged: 'Flagged',
    open: 'Open', closed: 'Closed', overdueOnly: 'Re-test overdue only', state: 'State', point: 'Observation point', flaggedAt: 'Flagged', retestDue: 'Re-test due', overdue: 'Overdue',
    quiet: 'Quiet-period tests', quietProgress: '{{done}}/{{days}} days', detail: 'Details', back: 'Back to the list', timeline: 'Timeline', healthHidden: 'Health details are visible to prevention staff only', maskedNote: 'Enterprise users see names masked.',
    chooseAction: 'Act', note: 'Note', pickPoint: 'Choose an observation point', rooms: '{{free}}/{{rooms}} rooms free', confirmIrreversible: 'This cannot be undone. Continue?', done: 'Done', closedAt: 'Closed', lastTest: 'Last test',
    by: '{{name}}', observedAt: 'Under observation since',
  },
  supplies: {
    title: 'Supplies and observation rooms', tabSupplies: 'Supplies', tabPoints: 'Observation points', tabRollup: 'Roll-up',
    item: 'Item', unit: 'Unit', quantity: 'In stock', safetyStock: 'Safety stock', low: 'Below safety stock', lowOnly: 'Low stock only', updatedAt: 'Updated', updatedBy: 'Updated by',
    add: 'Add an item', edit: 'Change stock', remove: 'Delete', deleteConfirm: 'Delete this item?', deleted: 'Deleted', search: 'Search items', enterprise: 'Enterprise',
    pointName: 'Observation point', rooms: 'Rooms', occupied: 'In use', free: 'Free', addPoint: 'New observation point', note: 'Note',
    rollupBy: { region: 'By region', enterprise: 'By enterprise' }, enterprises: 'Enterprises', items: 'Items', lowItems: 'Low items', points: 'Points', label: 'Group',
    presets: 'Masks, N95 masks, antigen kits, PCR sample tubes, disinfectant, protective suits, thermometers',
  },
  retention: {
    title: 'Retention of personal data (PIPL)', intro: 'Tracing data (venue scans, test results, arrival and health reports) is deleted or anonymised after {{days}} days by a daily job; the roster of an enterprise removed from the whitelist is deleted {{grace}} days after removal.',
    lastRun: 'Last run', never: 'Not run yet', target: 'Data', action: 'Treatment', count: 'Rows in the last run', delete: 'Delete', anonymise: 'Anonymise',
    quietPeriodDays: 'Suspected cases: quiet period (days)', rosterGraceDays: 'Roster kept after removal (days)',
  },
  alertRetest: 'Suspected case not re-tested in time',
};
