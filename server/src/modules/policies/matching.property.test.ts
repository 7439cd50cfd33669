import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { evaluate, validateRule, type Rule } from '../../platform/rules/index.js';
import type { Scope } from '../../platform/scope.js';
import { enterprises, SECTORS, TAX_CREDIT_RATINGS } from '../whitelist/tables.js';
import { policyEnterprises } from '../whitelist/policy-view.js';
import { regionLookup } from '../../seed/whitelist.js';
import { benefitFor, type Benefit } from './benefit.js';
import { ownFacts, POLICY_FIELDS } from './catalogue.js';
import { matchPolicies, matchPolicy } from './matching.js';
import { PoliciesService } from './service.js';
import { policyMatches } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

// Test enterprises live in a county no seeded enterprise uses, so the policy's region limits
// matching to them.
const TEST_REGION = ['419999'];
const PROVINCE: Scope = { kind: 'government', regionCode: '410000', regionCodes: null, sector: null };

const leaf: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ field: fc.constantFrom('employees', 'outputValueWan', 'dormitoryRatio', 'preventionStaff'), op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ field: fc.constant('employees'), op: fc.constant('between'), value: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 100, max: 300 })).map(([a, b]) => [a, b]) }),
  fc.record({ field: fc.constant('sector'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom(...SECTORS) }),
  fc.record({ field: fc.constant('sector'), op: fc.constant('in'), value: fc.subarray([...SECTORS], { minLength: 1 }) }),
  fc.record({ field: fc.constantFrom('countyCode', 'cityCode'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('419999', '419900', '410225') }),
  fc.record({ field: fc.constantFrom('listed', 'hasPreventionPlan', 'boughtSamplingBooth', 'canRunClosedLoop', 'taxArrears'), op: fc.constantFrom('is_true', 'is_false') }),
  fc.record({ field: fc.constant('taxCreditRating'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom(...TAX_CREDIT_RATINGS) }),
  fc.record({ field: fc.constant('taxCreditRating'), op: fc.constant('in'), value: fc.subarray([...TAX_CREDIT_RATINGS], { minLength: 1 }) }),
) as fc.Arbitrary<Rule>;
const rule: fc.Arbitrary<Rule> = fc.letrec<{ r: Rule }>((tie) => ({
  r: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.record({ all: fc.array(tie('r'), { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(tie('r'), { minLength: 1, maxLength: 3 }) }), fc.record({ not: tie('r') })),
})).r;
const ent = fc.record({
  sector: fc.constantFrom(...SECTORS),
  employees: fc.integer({ min: 0, max: 300 }),
  // Whole ten-thousands and amounts just off them: the SQL compares whole-number rule values on
  // the fen column (value × 1,000,000), which must agree with the exact division at the edges.
  outputValueFen: fc.tuple(fc.integer({ min: 0, max: 300 }), fc.constantFrom(0, 1, 500_000, 999_999)).map(([x, fen]) => x * 1_000_000 + fen),
  dormitoryCapacity: fc.integer({ min: 0, max: 300 }),
  closedLoopCapacity: fc.integer({ min: 0, max: 300 }),
  hasPreventionPlan: fc.boolean(),
  preventionStaff: fc.integer({ min: 0, max: 10 }),
  listingStatus: fc.constantFrom('not_listed', 'listed', 'removed', 'suspended'),
  taxCreditRating: fc.constantFrom(null, ...TAX_CREDIT_RATINGS),
  taxArrears: fc.boolean(),
});
const benefit: Benefit = { kind: 'formula', expr: { op: 'add', args: [{ op: 'mul', args: [{ field: 'employees' }, { const: 333 }] }, { op: 'div', args: [{ field: 'outputValueWan' }, { const: 7 }] }] }, capFen: 50_000 };

describe('policy matcher', () => {
  it('the SQL matcher equals a straightforward evaluation in TypeScript, benefit included', async () => {
    const svc = new PoliciesService(t.database.db, await regionLookup(t.database.db));
    const sample = fc.sample(ent, 40);
    const rows = await t.database.db
      .insert(enterprises)
      .values(sample.map((e, i) => ({ ...e, listingStatus: e.listingStatus as 'listed', uscc: `PMAT${String(i).padStart(14, '0')}`, name: `match ${i}`, kind: 'enterprise' as const, regionCode: '419999', legalRepresentative: 'x' })))
      .returning();
    const ids = rows.map((r) => r.id);
    const facts = await policyEnterprises(t.database.db, PROVINCE, ids);
    const own = await ownFacts(t.database.db, ids);
    const records = new Map(facts.map((f) => [f.id, { ...f.record, ...own.get(f.id) }]));
    const policy = await svc.create(PROVINCE, { id: null, name: 'test', ip: null }, { regionCode: '410000', title: 'p', issuingBody: 'b', level: 'provincial', category: 'credit', summary: 's', rule: { field: 'employees', op: 'gte', value: 0 }, benefit });
    let version = 1;
    await fc.assert(
      fc.asyncProperty(rule, async (r) => {
        expect(validateRule(r, POLICY_FIELDS)).toEqual([]);
        version++;
        await t.database.db.transaction((tx) => matchPolicy(tx, { id: policy.id, title: 'p', version, rule: r, benefit, regionCodes: TEST_REGION }, new Date()));
        const got = await t.database.db.select().from(policyMatches).where(and(eq(policyMatches.policyId, policy.id), eq(policyMatches.qualifies, true)));
        const byId = new Map(got.map((m) => [m.enterpriseId, m]));
        for (const id of ids) {
          const rec = records.get(id)!;
          const passed = evaluate(r, rec, POLICY_FIELDS).passed;
          expect(byId.has(id)).toBe(passed);
          if (passed) expect(byId.get(id)!.benefitFen).toBe(benefitFor(benefit, rec));
        }
        // Idempotent: the same rule again writes nothing.
        const again = await t.database.db.transaction((tx) => matchPolicy(tx, { id: policy.id, title: 'p', version, rule: r, benefit, regionCodes: TEST_REGION }, new Date()));
        expect(again).toEqual({ added: 0, changed: 0, lapsed: 0 });
      }),
      { numRuns: 50 },
    );
  });

  it('many policies in one pass: each gets exactly the enterprises its own rule admits', async () => {
    const svc = new PoliciesService(t.database.db, await regionLookup(t.database.db));
    const ids = (await t.database.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.regionCode, '419999'))).map((r) => r.id);
    const facts = await policyEnterprises(t.database.db, PROVINCE, ids);
    const own = await ownFacts(t.database.db, ids);
    const records = new Map(facts.map((f) => [f.id, { ...f.record, ...own.get(f.id) }]));
    const made: { id: string; title: string }[] = [];
    for (let i = 0; i < 3; i++) made.push(await svc.create(PROVINCE, { id: null, name: 'test', ip: null }, { regionCode: '410000', title: `m${i}`, issuingBody: 'b', level: 'provincial', category: 'credit', summary: 's', rule: { field: 'employees', op: 'gte', value: 0 }, benefit }));
    let version = 1;
    await fc.assert(
      fc.asyncProperty(fc.array(rule, { minLength: 3, maxLength: 3 }), async (rs) => {
        version++;
        const targets = made.map((p, i) => ({ id: p.id, title: p.title, version, rule: rs[i]!, benefit: i === 1 ? ({ kind: 'none' } as Benefit) : benefit, regionCodes: TEST_REGION }));
        await t.database.db.transaction((tx) => matchPolicies(tx, targets, new Date()));
        for (const [i, p] of made.entries()) {
          const got = await t.database.db.select().from(policyMatches).where(and(eq(policyMatches.policyId, p.id), eq(policyMatches.qualifies, true)));
          const byId = new Map(got.map((m) => [m.enterpriseId, m]));
          for (const id of ids) {
            const rec = records.get(id)!;
            const passed = evaluate(rs[i]!, rec, POLICY_FIELDS).passed;
            expect(byId.has(id)).toBe(passed);
            if (passed) expect(byId.get(id)!.benefitFen).toBe(i === 1 ? null : benefitFor(benefit, rec));
          }
        }
        expect(await t.database.db.transaction((tx) => matchPolicies(tx, targets, new Date()))).toEqual({ added: 0, changed: 0, lapsed: 0 });
      }),
      { numRuns: 25 },
    );
  });
});
