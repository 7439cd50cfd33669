import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, inArray, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { describe as describeRule, evaluate, toSql, validateRule, type Rule } from '../../platform/rules/index.js';
import { ENTERPRISE_FIELDS, enterpriseRecord } from './catalogue.js';
import { enterprises, SECTORS, TAX_CREDIT_RATINGS } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const leaf: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ field: fc.constantFrom('employees', 'dormitoryRatio', 'outputValueWan', 'closedLoopRatio', 'preventionStaff'), op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ field: fc.constant('employees'), op: fc.constant('between'), value: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 100, max: 300 })).map(([a, b]) => [a, b]) }),
  fc.record({ field: fc.constant('sector'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom(...SECTORS) }),
  fc.record({ field: fc.constant('sector'), op: fc.constant('in'), value: fc.subarray([...SECTORS], { minLength: 1 }) }),
  fc.record({ field: fc.constantFrom('hasPreventionPlan', 'canRunClosedLoop', 'hasPairedMedical', 'hasTaskForce', 'taxArrears'), op: fc.constantFrom('is_true', 'is_false') }),
  fc.record({ field: fc.constant('taxCreditRating'), op: fc.constantFrom('eq', 'ne', 'in'), value: fc.constantFrom(...TAX_CREDIT_RATINGS) }).map((c) => (c.op === 'in' ? { ...c, value: [c.value] } : c)),
) as fc.Arbitrary<Rule>;
const rule: fc.Arbitrary<Rule> = fc.letrec<{ r: Rule }>((tie) => ({
  r: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.record({ all: fc.array(tie('r'), { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(tie('r'), { minLength: 1, maxLength: 3 }) }), fc.record({ not: tie('r') })),
})).r;
const ent = fc.record({
  sector: fc.constantFrom(...SECTORS),
  employees: fc.integer({ min: 0, max: 300 }),
  outputValueFen: fc.integer({ min: 0, max: 300 }).map((x) => x * 1_000_000 + 0),
  dormitoryCapacity: fc.integer({ min: 0, max: 300 }),
  closedLoopCapacity: fc.integer({ min: 0, max: 300 }),
  hasPreventionPlan: fc.boolean(),
  hasTaskForce: fc.boolean(),
  preventionStaff: fc.integer({ min: 0, max: 10 }),
  pairedMedicalInstitution: fc.option(fc.constantFrom('', '开封市人民医院')),
  taxCreditRating: fc.constantFrom(null, ...TAX_CREDIT_RATINGS),
  taxArrears: fc.boolean(),
});

describe('rule engine on enterprises', () => {
  it('describes in words', () => {
    expect(describeRule({ all: [{ field: 'sector', op: 'eq', value: 'industry' }, { field: 'employees', op: 'gte', value: 1000 }] }, ENTERPRISE_FIELDS)).toBe('行业为工业生产，且用工人数不少于1000人');
    expect(validateRule({ field: 'employees', op: 'is_true' }, ENTERPRISE_FIELDS)[0]?.path).toBe('op');
  });

  it('toSql and evaluate agree on random rules and random enterprises', async () => {
    const sample = fc.sample(ent, 40);
    const rows = await t.database.db
      .insert(enterprises)
      .values(sample.map((e, i) => ({ ...e, uscc: `PROP${String(i).padStart(14, '0')}`, name: `prop ${i}`, kind: 'enterprise' as const, regionCode: '410225', legalRepresentative: 'x' })))
      .returning();
    const ids = rows.map((r) => r.id);
    await fc.assert(
      fc.asyncProperty(rule, async (r) => {
        expect(validateRule(r, ENTERPRISE_FIELDS)).toEqual([]);
        const hit = await t.database.db.select({ id: enterprises.id }).from(enterprises).where(and(inArray(enterprises.id, ids), sql`${toSql(r, ENTERPRISE_FIELDS)}`));
        const sqlIds = new Set(hit.map((h) => h.id));
        for (const row of rows) expect(sqlIds.has(row.id)).toBe(evaluate(r, enterpriseRecord(row), ENTERPRISE_FIELDS).passed);
      }),
      { numRuns: 60 },
    );
  });
});
