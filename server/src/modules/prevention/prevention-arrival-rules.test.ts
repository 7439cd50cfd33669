import { describe, expect, it } from 'vitest';
import { areaActiveOn, areaCovers, arrivalStatus, decideArrival, type RiskAreaLike } from './arrival-rules.js';
import { complianceOf, DEFAULT_RULES, testDueAt } from './rules.js';

const h = 3600_000;
const area = (code: string, fromDay: string, toDay: string | null = null): RiskAreaLike => ({ id: `a-${code}`, code, level: 'high', fromDay, toDay });

describe('risk decision for arrivals', () => {
  it('matches a county exactly, and a city or province code over all of it', () => {
    expect(areaCovers('310115', '310115')).toBe(true);
    expect(areaCovers('310115', '310116')).toBe(false);
    expect(areaCovers('310100', '310115')).toBe(true);
    expect(areaCovers('310100', '320115')).toBe(false);
    expect(areaCovers('310000', '310115')).toBe(true);
    expect(areaCovers('310000', '410225')).toBe(false);
    expect(areaCovers('31011', '310115')).toBe(false);
  });

  it('is in force from its first to its last day, open-ended without one', () => {
    expect(areaActiveOn({ fromDay: '2022-06-01', toDay: null }, '2022-06-01')).toBe(true);
    expect(areaActiveOn({ fromDay: '2022-06-01', toDay: null }, '2022-05-31')).toBe(false);
    expect(areaActiveOn({ fromDay: '2022-06-01', toDay: '2022-06-10' }, '2022-06-10')).toBe(true);
    expect(areaActiveOn({ fromDay: '2022-06-01', toDay: '2022-06-10' }, '2022-06-11')).toBe(false);
  });

  it('gives a red code and 7 days of central quarantine to an arrival from a risk area in force', () => {
    const at = new Date('2022-06-05T02:00:00Z');
    const d = decideArrival(DEFAULT_RULES, [area('110000', '2022-06-10'), area('310100', '2022-06-01')], '310115', at, '2022-06-05');
    expect(d).toEqual({ decision: 'quarantine', riskAreaId: 'a-310100', quarantineUntil: new Date(at.getTime() + 7 * 24 * h), testDueAt: null });
  });

  it('otherwise asks for a test within 24 h of arrival; the hours come from the rule pack', () => {
    const at = new Date('2022-06-05T02:00:00Z');
    expect(decideArrival(DEFAULT_RULES, [area('310100', '2022-06-01', '2022-06-04')], '310115', at, '2022-06-05')).toEqual({ decision: 'test', riskAreaId: null, quarantineUntil: null, testDueAt: new Date(at.getTime() + 24 * h) });
    expect(decideArrival({ ...DEFAULT_RULES, arrivalTestHours: 12 }, [], '310115', at, '2022-06-05').testDueAt).toEqual(new Date(at.getTime() + 12 * h));
    expect(decideArrival({ ...DEFAULT_RULES, centralQuarantineDays: 14 }, [area('310115', '2022-06-01')], '310115', at, '2022-06-05').quarantineUntil).toEqual(new Date(at.getTime() + 14 * 24 * h));
  });

  it('tells each status of an arrival', () => {
    const now = new Date('2022-06-06T00:00:00Z');
    const quarantine = { decision: 'quarantine' as const, testDueAt: null };
    expect(arrivalStatus({ ...quarantine, quarantineUntil: new Date(now.getTime() + h) }, false, now)).toBe('quarantine');
    expect(arrivalStatus({ ...quarantine, quarantineUntil: new Date(now.getTime() - h) }, false, now)).toBe('released');
    const test = { decision: 'test' as const, quarantineUntil: null };
    expect(arrivalStatus({ ...test, testDueAt: new Date(now.getTime() + h) }, false, now)).toBe('awaiting_test');
    expect(arrivalStatus({ ...test, testDueAt: new Date(now.getTime() - h) }, false, now)).toBe('overdue');
    expect(arrivalStatus({ ...test, testDueAt: new Date(now.getTime() - h) }, true, now)).toBe('tested');
  });

  it('brings a roster employee’s next test forward to 24 h after an arrival no negative test followed', () => {
    const now = new Date('2022-06-06T00:00:00Z');
    const lastNeg = new Date(now.getTime() - 10 * h);
    expect(testDueAt(DEFAULT_RULES, lastNeg, 48)).toEqual(new Date(lastNeg.getTime() + 48 * h));
    const arrived = new Date(now.getTime() - 5 * h);
    expect(testDueAt(DEFAULT_RULES, lastNeg, 48, arrived)).toEqual(new Date(arrived.getTime() + 24 * h));
    expect(testDueAt(DEFAULT_RULES, lastNeg, 48, new Date(now.getTime() - 20 * h))).toEqual(new Date(lastNeg.getTime() + 48 * h));
    expect(complianceOf(DEFAULT_RULES, lastNeg, 48, now, new Date(now.getTime() - 30 * h))).toBe('compliant');
    expect(complianceOf(DEFAULT_RULES, new Date(now.getTime() - 40 * h), 48, now, new Date(now.getTime() - 30 * h))).toBe('overdue');
    expect(complianceOf(DEFAULT_RULES, null, 48, now, new Date(now.getTime() - 2 * h))).toBe('compliant');
    expect(complianceOf(DEFAULT_RULES, null, 48, now, new Date(now.getTime() - 20 * h))).toBe('due_soon');
    expect(complianceOf(DEFAULT_RULES, null, 48, now)).toBe('overdue');
  });
});
