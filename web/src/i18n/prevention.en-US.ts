import type { preventionZhCN } from './prevention.zh-CN';

export const preventionEnUS: typeof preventionZhCN = {
  postKind: { regular: 'Regular post', mobile_contact: 'Mobile / contact post', city_supply: 'City supply worker' },
  status: { active: 'On duty', on_leave: 'On leave', isolated: 'Isolated', left: 'Left' },
  compliance: { compliant: 'Compliant', due_soon: 'Due soon', overdue: 'Overdue' },
  unitKind: { workshop: 'Workshop', office: 'Office', warehouse: 'Warehouse', dormitory: 'Dormitory', logistics: 'Logistics', other: 'Other' },
  field: {
    enterprise: 'Enterprise', region: 'Region', name: 'Name', idCard: 'ID number', phone: 'Phone', post: 'Post', postKind: 'Post kind',
    unit: 'Closed-loop unit', dormitory: 'Dormitory', status: 'Status', lastNegative: 'Last negative sample', interval: 'Interval', dueAt: 'Next test due', compliance: 'Compliance',
  },
  hours: '{{h}} h',
  roster: {
    title: 'Employee roster', search: 'Search by name', add: 'Add employee', addUnit: 'New closed-loop unit', unitName: 'Unit name', unitKind: 'Unit kind',
    import: 'Import roster', template: 'Download template', importTitle: 'Import result', rows: 'Rows', created: 'Added', existing: 'Already there', unitsCreated: 'Units created', rejected: 'Rejected', row: 'Row', reason: 'Reason', allLoaded: 'Every row was loaded',
    reveal: 'Show in full', revealTitle: 'Show the full ID number and phone', revealPurpose: 'Purpose', revealHint: 'Seeing personal data in full is recorded in the audit log; state the purpose.', revealed: 'In full (recorded)',
    created1: 'Added', edit: 'Change', saved: 'Saved', masked: 'ID numbers and phones are shown masked and stored SM4-encrypted.',
    govNote: 'Prevention staff see the rosters and test compliance of their region; enterprises maintain their own rosters.',
  },
  ingest: {
    title: 'PCR-test ingest', intro: 'Upload a CSV or JSON Lines file from a testing institution (columns: sample_id, id_card, sampled_at, result, institution). The same file twice is stored once; a sample id is stored once.',
    upload: 'Upload a results file', lastRun: 'This ingest', replayed: 'This file was ingested before; its result is shown', runs: 'Ingest runs', source: 'Source', sourceApi: 'API', sourceUpload: 'Upload',
    rowsTotal: 'Rows', merged: 'New results', duplicates: 'Duplicate samples', rejected: 'Rejected', statusLabel: 'Status', startedAt: 'Started', file: 'File', rejects: 'Download rejected rows',
    runStatus: { running: 'Running', completed: 'Completed', failed: 'Failed' },
    keys: 'Testing institutions’ API keys', keysIntro: 'Institutions and the provincial platform push results to POST /api/prevention/machine/test-results with Authorization: Bearer <key>, as text/csv or application/x-ndjson.',
    newKey: 'New key', keyName: 'Institution', keyShown: 'Copy it now; the key is shown only once:', revoke: 'Revoke', revokeConfirm: 'The institution will no longer be able to push results. Revoke?', revoked: 'Revoked', prefix: 'Key prefix', lastUsed: 'Last used', createdAt: 'Created',
  },
  comp: {
    title: 'Test compliance', groupBy: 'Group by', by: { enterprise: 'Enterprise', unit: 'Closed-loop unit', region: 'Region' }, group: 'Group', total: 'People', rate: 'Compliance rate',
    trend: 'Compliance over the last {{days}} days', trendSeries: 'Compliance rate', overall: 'Total', rulesNote: 'Intervals: regular posts {{regular}} h; mobile and contact posts {{mobile}} h; city supply workers {{supply}} h; closed-loop units in an emergency region {{emergency}} h.',
  },
  rules: {
    title: 'Prevention rules', intro: 'The defaults are the 2022 documents’ values; change them when the policy changes (recorded in the audit log).', reset: 'Restore defaults',
    testIntervalHours: 'Regular posts: test interval (h)', mobileContactIntervalHours: 'Mobile and contact posts: interval (h)', emergencyClosedLoopIntervalHours: 'Closed-loop units in an emergency region: interval (h)', citySupplyIntervalHours: 'City supply workers: interval (h)',
    dueSoonHours: 'Due-soon warning (h)', centralQuarantineDays: 'Central quarantine after a risk area (days)', arrivalTestHours: 'Test after arrival within (h)', retestHours: 'Suspected case re-test within (h)', retentionDays: 'Personal data kept for (days)', contactWindowMinutes: 'Contact window (± minutes)', dailyReportDeadlineHour: 'Daily report deadline (hour)', lateReportDays: 'Missed daily report may be filed late for (days)',
    emergency: 'Regions in emergency', emergencyIntro: 'Until the emergency-response module publishes it, prevention staff maintain the list here; closed-loop units in these regions test more often.', declare: 'Declare emergency', note: 'Note', end: 'End', endConfirm: 'End the emergency of this region?', since: 'Since',
  },
  alerts: {
    title: 'Sentinel alerts', raisedAt: 'Raised', what: 'Alert', overdue: '{{overdue}} of {{total}} people on duty are overdue for a PCR test', acknowledge: 'Acknowledge', acknowledged: 'Acknowledged', resolve: 'Resolve', resolved: 'Resolved', resolveNote: 'How it was resolved',
    status: { open: 'Open', acknowledged: 'In hand', resolved: 'Resolved' },
    kindLabel: 'Kind',
    kind: { overdue_test: 'Overdue PCR test', missing_daily_report: 'Daily report missing', arrival_not_reported: 'Arrival not reported', retest_overdue: 'Re-test overdue', drug_purchase: 'Four-class drug purchase' },
  },
};
