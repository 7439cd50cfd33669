import type { preventionTracingZhCN } from './prevention-tracing.zh-CN';

/** Messages of the venue-code, tracing and drug-purchase pages. */
export const preventionTracingEnUS: typeof preventionTracingZhCN = {
  venueKind: { building: 'Building', floor: 'Floor', workshop: 'Workshop', area: 'Area', door: 'Door' },
  drugClass: { fever: 'Fever', cough: 'Cough', antiviral: 'Antiviral', antibiotic: 'Antibiotic' },
  unitStatus: { isolated: 'Isolated', scheduled: 'Isolation scheduled', producing: 'Producing' },
  venues: {
    title: 'Venue codes', intro: 'A venue code for every building, floor, workshop, area and door: posted on site, people scan it to register; the scans serve contact tracing. A venue may belong to a closed-loop unit.',
    enterprise: 'Enterprise', pickEnterprise: 'Choose an enterprise', search: 'Search by name or code', kind: 'Kind', name: 'Name', code: 'Venue code', parent: 'Parent venue', unit: 'Closed-loop unit',
    add: 'Add venue', addChild: 'Add child', edit: 'Edit', print: 'Print selected (PDF)', printHint: 'Six codes per A4 page', selected: '{{n}} selected', saved: 'Saved', none: '(none)',
  },
  trace: {
    title: 'Contact tracing', intro: 'Enter a positive person (roster employee or ID number) and a window: people who scanned the same venue within {{m}} minutes of them are close-contact candidates. Every trace is audited.',
    byEmployee: 'Roster employee', byIdCard: 'ID number', employee: 'Employee', idCard: 'ID number', window: 'Window', run: 'Trace', secondOrder: 'Second-order contacts', reveal: 'Show full ID numbers (audited)',
    person: 'Positive person', scans: 'Scans', scannedAt: 'Scanned at', venue: 'Venue', contacts: 'Close-contact candidates', secondContacts: 'Second-order candidates',
    rank: 'Rank', name: 'Name', idCardCol: 'ID number', overlaps: 'Overlaps', minGap: 'Min. gap (min)', sameUnit: 'Same unit', via: 'Via contacts', venues: 'Venues',
    units: 'Closed-loop units touched', members: 'Members', post: 'Post', notOnRoster: 'Not on a roster', yes: 'Yes', export: 'Export contacts',
    picture: 'Closed-loop picture', pictureIntro: 'The unit of a positive case is isolated (red); the other areas keep producing (green).',
    isolate: 'Isolate', lift: 'Lift isolation', isolateTitle: 'Isolate a closed-loop unit', from: 'From', until: 'Until (optional)', reason: 'Reason', liftConfirm: 'Lift this unit’s isolation and resume production?', done: 'Updated',
    memberCount: '{{n}} people', venueCount: '{{n}} venues', empty: 'No scans found',
  },
  purchases: {
    title: 'Drug purchase monitoring', intro: 'Purchases of fever, cough, antiviral and antibiotic drugs reported by pharmacies; each raises one sentinel alert to the region’s prevention staff (and to the enterprise of a roster employee).',
    search: 'Search by pharmacy', drugClass: 'Drug class', purchasedAt: 'Purchased at', idCard: 'ID number', phone: 'Phone', pharmacy: 'Pharmacy', region: 'Region', enterprise: 'Enterprise', alerted: 'Alert', alertedYes: 'Raised', alertedNo: 'Pending',
  },
  ingest: {
    kind: 'Data kind', kinds: { 'test-results': 'PCR-test results', 'venue-scans': 'Venue scans', 'drug-purchases': 'Drug purchases' },
    columns: {
      'test-results': 'Columns: sample_id, id_card, sampled_at, result, institution.',
      'venue-scans': 'Columns: id_card, venue_code, scanned_at; one person at one venue at one time is stored once.',
      'drug-purchases': 'Columns: purchase_id, id_card, phone, pharmacy, drug_class (fever/cough/antiviral/antibiotic), purchased_at, optionally region_code (the pharmacy’s 6-digit region code, within your own area; empty: your region); one purchase id is stored once.',
    },
  },
  alertDrug: '{{who}} bought {{cls}} drugs at {{pharmacy}}',
};
