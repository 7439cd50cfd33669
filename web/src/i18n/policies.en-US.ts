import type pol from './policies.zh-CN';

const polEn: typeof pol = {
  category: { vat_refund: 'VAT credit refund', tax_fee_reduction: 'Tax and fee reduction', fiscal_subsidy: 'Fiscal subsidy', credit: 'Credit', supply_price: 'Supply and price stability', social_insurance: 'Social insurance', job_retention: 'Job retention', employment: 'Employment and entrepreneurship', labour: 'Labour', utilities: 'Water, power, gas' },
  level: { national: 'National', provincial: 'Provincial', city: 'City', county: 'County' },
  status: { draft: 'Draft', published: 'Published', withdrawn: 'Withdrawn' },
  uptake: { eligible: 'Eligible (not applied)', applied: 'Applied', approved: 'Approved', rejected: 'Rejected', disbursed: 'Disbursed' },
  claimStatus: { submitted: 'Awaiting review', approved: 'Approved', rejected: 'Rejected' },
  sector: { industry: 'Industry', commerce: 'Commerce', transport: 'Transport', culture_tourism: 'Culture & tourism', key_project: 'Key project' },
  field: {
    title: 'Title', issuingBody: 'Issuing body', level: 'Level', documentNumber: 'Document number', category: 'Category', region: 'Region', validity: 'In force', validFrom: 'From', validTo: 'To',
    summary: 'Summary', fullText: 'Full text', howToApply: 'How to apply', consultant: 'Policy consultant', consultantName: 'Consultant', consultantContact: 'Contact', status: 'Status', version: 'Version',
    rule: 'Eligibility', benefit: 'Benefit', updatedAt: 'Updated', publishedAt: 'Published', enterprise: 'Enterprise', uscc: 'Credit code', policy: 'Policy', benefitYuan: 'Benefit (yuan)',
    applicationRef: 'Application ref', disbursedYuan: 'Disbursed (yuan)', matchedAt: 'Matched', qualifies: 'Still eligible', createdBy: 'Revised by',
  },
  list: { search: 'Search title, number, summary', create: 'New policy', heading: 'Policy list', hint: 'The public list of enterprise support policies; enterprises see their matches under "My policies".' },
  detail: { versions: 'Rule versions', publish: 'Publish and match', withdraw: 'Withdraw', edit: 'Edit', confirmPublish: 'Publishing matches every enterprise at once and pushes the policy. Publish?', confirmWithdraw: 'Enterprises will no longer get this policy; uptake records are kept. Withdraw?', published: 'Published; matching enterprises', withdrawn: 'Withdrawn', revisedNote: 'Changing the eligibility or benefit of a published policy creates a new version and matches again.' },
  editor: {
    heading: 'Edit policy', newHeading: 'New policy', basics: 'Basics', ruleCard: 'Eligibility (rule)', words: 'In words: ', benefitCard: 'Benefit', previewCard: 'Try it on an enterprise',
    benefitKind: { none: 'No amount (text only)', amount: 'Fixed amount', rate: 'Rate', formula: 'Per field' }, amountYuan: 'Amount (yuan)', rateBp: 'Rate (basis points)', benefitText: 'Text (optional)',
    formulaField: 'Field', formulaFactor: 'Yuan per unit', capYuan: 'Cap (yuan, optional)', complexFormula: 'This policy uses a compound formula; set a new one to change it.', subsidy: 'Sampling-booth rule pack', subsidyEnabled: 'This is the sampling-booth subsidy',
    minEmployees: 'At least employees', shareBp: 'Share (basis points)', provinceParts: 'Province parts', localParts: 'City/county parts', pickEnterprise: 'Pick an enterprise (name or code)', tryIt: 'Try',
    passed: 'Met', failed: 'Not met', actual: 'Actual', result: 'Result', saved: 'Saved', saveDraft: 'Save',
  },
  mine: { heading: 'My policies', hint: 'These policies were matched to your enterprise automatically. Apply as described, then record your application reference.', apply: 'Record application', reference: 'Application reference', applied: 'Recorded', lapsed: 'No longer eligible', empty: 'No matched policy yet' },
  uptakePage: {
    heading: 'Full uptake', byRegion: 'By region', byCategory: 'By category', byPolicy: 'By policy', bySector: 'By sector', eligible: 'Eligible', notified: 'Pushed', applied: 'Applied', approved: 'Approved', disbursed: 'Disbursed',
    benefitYuan: 'Benefit (yuan)', disbursedYuan: 'Disbursed (yuan)', follow: 'Follow-up', notApplied: 'Eligible but not applied only', exportNotApplied: 'Export "eligible but not applied"', approve: 'Approve', reject: 'Reject', disburse: 'Record disbursement',
    note: 'Note', amountYuan: 'Amount disbursed (yuan)', confirmApprove: 'Approve this application?', includeLapsed: 'Include no-longer-eligible', rate: 'Application rate',
  },
  claims: {
    noInvoice: 'No invoice yet', invoiceMissing: 'No invoice attached yet: the claim can be approved once the enterprise uploads it', invoiceFile: 'Invoice', chooseInvoice: 'Choose the invoice (PDF or image)', invoiceRequired: 'Attach the invoice', attach: 'Add invoice',
    heading: 'Sampling-booth subsidy', myHeading: 'Sampling-booth claims', file: 'File a claim', invoiceNumber: 'Invoice number', invoiceDate: 'Invoice date', supplier: 'Supplier', priceYuan: 'Price (yuan)',
    subsidyYuan: 'Subsidy (yuan)', provinceYuan: 'Province share (yuan)', localYuan: 'City/county share (yuan)', quoteHint: 'Rule: the subsidy is {{share}}% of the price, borne province : city/county = {{p}}:{{l}} (subsidy rounded down to the fen, the province part half up, the city/county part the rest).',
    approve: 'Approve', reject: 'Reject', note: 'Note', totals: 'Totals per payer (approved)', claims: 'Claims', total: 'Total', confirmFile: 'File this claim? The subsidy is fixed under the current rule.', filed: 'Filed',
  },
};
export default polEn;
