import type { preventionReportsZhCN } from './prevention-reports.zh-CN';

/** Messages of the health and arrival report pages. */
export const preventionReportsEnUS: typeof preventionReportsZhCN = {
  symptom: { fever: 'Fever', cough: 'Cough', sore_throat: 'Sore throat', fatigue: 'Fatigue', loss_of_smell: 'Loss of smell or taste', other: 'Other' },
  measure: { observation: 'Observation', isolation: 'Isolation', hospital: 'Seen by a doctor', none: 'No action' },
  boardStatus: { reported: 'Reported', zero: 'Zero report', missing: 'Missing' },
  daily: {
    title: 'Daily health reports', today: 'Today’s report ({{day}})', deadline: 'File by {{hour}}:00 every day; if nothing is abnormal, send a zero report with one click.', filedAt: 'Filed at {{time}}', notFiled: 'Not filed yet today',
    zeroButton: 'Zero report', zeroConfirm: 'Confirm that no staff member has fever or other symptoms today, and send a zero report?', zeroDone: 'Zero report sent', file: 'File the daily report', filed: 'Filed (filing again today replaces it)',
    onSite: 'Staff on site', symptomatic: 'With symptoms', isolated: 'Isolated', observation: 'Under observation', note: 'Remarks (stored encrypted)', persons: 'People with symptoms', addPerson: 'Add a person',
    employee: 'Employee', symptoms: 'Symptoms', detail: 'Details (stored encrypted)', measure: 'Action', remove: 'Remove', onRoster: '{{n}} active on the roster', history: 'Filed reports',
    day: 'Day', kind: 'Kind', zero: 'Zero report', normal: 'Daily report', filedAtCol: 'Filed at', filedBy: 'Filed by', detailTitle: 'Daily report', hidden: 'Health details are encrypted; only authorised staff may see them (audited).',
    reveal: 'See health details', revealPurpose: 'Purpose', revealed: 'Health details (audited)', board: 'Who has reported', byRegion: 'By region', expected: 'Expected', reported: 'Reported', missing: 'Missing',
    late: 'Late', lateDay: 'File a missed day (optional)', lateTitle: 'Late report for {{day}} (marked late)',
    search: 'Search by enterprise', status: 'Status', region: 'Region', enterprise: 'Enterprise', view: 'View',
  },
  arrivals: {
    title: 'Arrival reports', add: 'File an arrival report', addFound: 'Record an unreported arrival', name: 'Name', idCard: 'ID number', phone: 'Phone', personKind: 'Person',
    personKinds: { visitor: 'Visitor', returning_employee: 'Returning employee' }, originCode: 'Origin division code', originName: 'Origin', route: 'Route', purpose: 'Purpose', arrivalAt: 'Arrival',
    enterprise: 'Host enterprise', decision: 'Measure', code: 'Health code', red: 'Red', green: 'Green', quarantine: 'Central quarantine until {{until}}', test: 'PCR test by {{due}}',
    status: 'Status', statuses: { quarantine: 'In central quarantine', released: 'Quarantine ended', awaiting_test: 'Awaiting test', tested: 'Tested', overdue: 'Test overdue' },
    late: 'Late', lateOnly: 'Late only', source: 'Source', sources: { host: 'Filed by the host', found: 'Found from another source' }, onRoster: 'On the roster', reportedAt: 'Reported at', reportedBy: 'Reported by',
    search: 'Search by name or origin', from: 'Arriving from', to: 'Arriving to', detail: 'Arrival report', filed: 'Filed', again: 'Already reported for that day: nothing added',
    revealTitle: 'Reveal ID number and phone', revealHint: 'Seeing full personal data is recorded in the audit log: state the purpose truthfully.', reveal: 'Reveal', revealPurpose: 'Purpose', back: 'Back to the list',
    foundHint: 'Prevention staff record an arrival found from another source: it is marked late and raises a sentinel alert.', enterpriseRequired: 'Choose the host enterprise',
  },
  risk: {
    title: 'Risk areas', add: 'Add a risk area', code: 'Division code', codeHint: '6 digits; ending in 00 covers a whole city, in 0000 a whole province', name: 'Area name', level: 'Level',
    levels: { medium: 'Medium risk', high: 'High risk', static: 'Static management' }, fromDay: 'From', toDay: 'Ended', ongoing: 'Ongoing', active: 'Not ended only',
    end: 'End', endConfirm: 'From today, arrivals from this area are no longer treated as from a risk area, and filed arrivals are decided again. End it?',
    remove: 'Remove', removeConfirm: 'Only for an area entered by mistake; filed arrivals are decided again. Remove it?', redecided: '{{n}} arrival reports decided again', search: 'Search by name or code',
    intro: 'The risk-area list decides each arrival: from a risk area (its county) → red code and central quarantine; anyone else → a PCR test soon after arrival. Changing the list decides the arrivals again.',
  },
  alertWhat: {
    missing_daily_report: 'No daily health report for {{day}} by {{deadlineHour}}:00',
    arrival_not_reported: '{{name}} (from {{originName}}, arrived {{day}}) did not report in advance',
  },
};
