import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complianceOf, DEFAULT_RULES, intervalHours } from './rules.js';
import { POST_KINDS } from './tables.js';

describe('prevention rule pack', () => {
  it('has the 2022 defaults', () => {
    expect(DEFAULT_RULES).toMatchObject({ testIntervalHours: 48, mobileContactIntervalHours: 24, emergencyClosedLoopIntervalHours: 24, citySupplyIntervalHours: 24, centralQuarantineDays: 7, retestHours: 6, retentionDays: 28, contactWindowMinutes: 30 });
  });

  it('gives each post its interval, and 24 h to closed-loop units of a region in emergency', () => {
    const r = DEFAULT_RULES;
    expect(intervalHours(r, { postKind: 'regular', inClosedLoopUnit: true, regionInEmergency: false })).toBe(48);
    expect(intervalHours(r, { postKind: 'mobile_contact', inClosedLoopUnit: false, regionInEmergency: false })).toBe(24);
    expect(intervalHours(r, { postKind: 'city_supply', inClosedLoopUnit: false, regionInEmergency: true })).toBe(24);
    expect(intervalHours(r, { postKind: 'regular', inClosedLoopUnit: true, regionInEmergency: true })).toBe(24);
    expect(intervalHours(r, { postKind: 'regular', inClosedLoopUnit: false, regionInEmergency: true })).toBe(48);
    expect(intervalHours({ ...r, citySupplyIntervalHours: 12 }, { postKind: 'city_supply', inClosedLoopUnit: false, regionInEmergency: false })).toBe(12);
  });

  it('never tested is overdue; due soon within the window; otherwise compliant', () => {
    const now = new Date('2022-05-31T12:00:00Z');
    const h = 3600_000;
    expect(complianceOf(DEFAULT_RULES, null, 48, now)).toBe('overdue');
    expect(complianceOf(DEFAULT_RULES, new Date(now.getTime() - 49 * h), 48, now)).toBe('overdue');
    expect(complianceOf(DEFAULT_RULES, new Date(now.getTime() - 40 * h), 48, now)).toBe('due_soon');
    expect(complianceOf(DEFAULT_RULES, new Date(now.getTime() - 10 * h), 48, now)).toBe('compliant');
  });

  it('an interval is never longer than the regular one and never shorter than the smallest rule', () => {
    fc.assert(
      fc.property(fc.constantFrom(...POST_KINDS), fc.boolean(), fc.boolean(), (postKind, inClosedLoopUnit, regionInEmergency) => {
        const h = intervalHours(DEFAULT_RULES, { postKind, inClosedLoopUnit, regionInEmergency });
        return h <= DEFAULT_RULES.testIntervalHours && h >= 24;
      }),
    );
  });
});
