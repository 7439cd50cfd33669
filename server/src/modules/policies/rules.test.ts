import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLAIM_TRANSITIONS, nextClaim, nextPolicy, nextUptake, POLICY_TRANSITIONS, UPTAKE_TRANSITIONS, type ClaimAction, type PolicyAction, type UptakeAction } from './states.js';
import { boothShares, DEFAULT_BOOTH_RULE_PACK } from './subsidy.js';
import { benefitFor, describeBenefit } from './benefit.js';
import { POLICY_FIELDS } from './catalogue.js';
import { CLAIM_STATUSES, POLICY_STATUSES, UPTAKE_STATUSES } from './tables.js';

function code(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
}

describe('state machines, every state × every action', () => {
  const POLICY: Record<string, string> = {
    'draft:update': 'draft', 'draft:publish': 'published', 'draft:revise': '409', 'draft:withdraw': '409',
    'published:update': '409', 'published:publish': '409', 'published:revise': 'published', 'published:withdraw': 'withdrawn',
    'withdrawn:update': 'withdrawn', 'withdrawn:publish': 'published', 'withdrawn:revise': '409', 'withdrawn:withdraw': '409',
  };
  it('policy', () => {
    for (const s of POLICY_STATUSES)
      for (const a of Object.keys(POLICY_TRANSITIONS) as PolicyAction[]) {
        const want = POLICY[`${s}:${a}`]!;
        if (want === '409') expect(code(() => nextPolicy(a, s)), `${s}:${a}`).toBe('policies.invalid_transition');
        else expect(nextPolicy(a, s), `${s}:${a}`).toBe(want);
      }
  });
  const UPTAKE: Record<string, string> = {
    'eligible:apply': 'applied', 'rejected:apply': 'applied', 'applied:approve': 'approved', 'applied:reject': 'rejected', 'approved:disburse': 'disbursed',
  };
  it('uptake', () => {
    for (const s of UPTAKE_STATUSES)
      for (const a of Object.keys(UPTAKE_TRANSITIONS) as UptakeAction[]) {
        const want = UPTAKE[`${s}:${a}`];
        if (!want) expect(code(() => nextUptake(a, s)), `${s}:${a}`).toBe('policies.invalid_transition');
        else expect(nextUptake(a, s)).toBe(want);
      }
  });
  it('sampling-booth claim', () => {
    for (const s of CLAIM_STATUSES)
      for (const a of Object.keys(CLAIM_TRANSITIONS) as ClaimAction[]) {
        const want = s === 'submitted' ? (a === 'approve' ? 'approved' : 'rejected') : undefined;
        if (!want) expect(code(() => nextClaim(a, s))).toBe('policies.invalid_transition');
        else expect(nextClaim(a, s)).toBe(want);
      }
  });
});

describe('sampling-booth shares in integer fen', () => {
  it('¥100,000 gives ¥50,000 = ¥35,000 + ¥15,000', () => {
    expect(boothShares(10_000_000)).toEqual({ priceFen: 10_000_000, subsidyFen: 5_000_000, provinceFen: 3_500_000, localFen: 1_500_000 });
  });
  it('odd fen: the subsidy is rounded down, the province part half up, the parts always add up', () => {
    expect(boothShares(1)).toEqual({ priceFen: 1, subsidyFen: 0, provinceFen: 0, localFen: 0 });
    expect(boothShares(3)).toEqual({ priceFen: 3, subsidyFen: 1, provinceFen: 1, localFen: 0 });
    expect(boothShares(10_000_001)).toEqual({ priceFen: 10_000_001, subsidyFen: 5_000_000, provinceFen: 3_500_000, localFen: 1_500_000 });
    expect(boothShares(3_333_333)).toEqual({ priceFen: 3_333_333, subsidyFen: 1_666_666, provinceFen: 1_166_666, localFen: 500_000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (price) => {
        const s = boothShares(price);
        expect(s.provinceFen + s.localFen).toBe(s.subsidyFen);
        expect(s.subsidyFen).toBe(Math.floor(price / 2));
        // Half up: the province part is within half a fen of 70%.
        const off = 10n * BigInt(s.provinceFen) - 7n * BigInt(s.subsidyFen);
        expect(off >= -5n && off <= 5n).toBe(true);
        expect(s.localFen).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  it('other rule packs split as configured', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 10 }), (price, shareBp, p, l) => {
        const s = boothShares(price, { ...DEFAULT_BOOTH_RULE_PACK, shareBp, provinceParts: p, localParts: l });
        expect(s.provinceFen + s.localFen).toBe(s.subsidyFen);
        expect(s.subsidyFen).toBe(Math.floor((price * shareBp) / 10_000));
      }),
    );
  });
});

describe('benefit', () => {
  it('computes and describes amounts, rates and formulas', () => {
    expect(benefitFor({ kind: 'formula', expr: { op: 'mul', args: [{ field: 'employees' }, { const: 50_000 }] }, capFen: 1_000_000 }, { employees: 30 })).toBe(1_000_000);
    expect(benefitFor({ kind: 'rate', rateBp: 50, base: { op: 'mul', args: [{ field: 'outputValueWan' }, { const: 1_000_000 }] } }, { outputValueWan: 3 })).toBe(15_000);
    expect(benefitFor({ kind: 'formula', expr: { op: 'div', args: [{ const: 1 }, { field: 'employees' }] } }, { employees: 0 })).toBeNull();
    expect(describeBenefit({ kind: 'amount', amountFen: 20_000_000 }, POLICY_FIELDS)).toBe('200,000.00元');
    expect(describeBenefit({ kind: 'formula', expr: { op: 'mul', args: [{ field: 'employees' }, { const: 50_000 }] } }, POLICY_FIELDS)).toBe('(用工人数 × 50000)分');
  });
});
