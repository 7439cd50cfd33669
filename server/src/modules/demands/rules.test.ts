import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answerDuration, deadlineAfter, DEFAULT_RULES, HOLIDAYS_2022, isWorkingDay, mergeRules, similarity, warningAt } from './rules.js';

const cal = new Map(HOLIDAYS_2022.map((h) => [h.day, h.kind]));
const sh = (local: string) => new Date(`${local}+08:00`);

describe('clocks and the working-day calendar', () => {
  it('counts weekends, holidays and make-up working days', () => {
    expect(isWorkingDay('2022-06-01', cal)).toBe(true);
    expect(isWorkingDay('2022-06-04', cal)).toBe(false);
    expect(isWorkingDay('2022-06-03', cal)).toBe(false); // 端午 on a Friday
    expect(isWorkingDay('2022-10-08', cal)).toBe(true); // a Saturday made a working day
  });

  it('3 working days from a Friday afternoon fall on Wednesday; the Dragon Boat Festival pushes it on', () => {
    expect(deadlineAfter(sh('2022-05-20T15:00:00'), { workingDays: 3 }, cal)).toEqual(sh('2022-05-25T15:00:00'));
    expect(deadlineAfter(sh('2022-06-01T10:00:00'), { workingDays: 3 }, cal)).toEqual(sh('2022-06-07T10:00:00'));
    // Filed before the National Day week: the two make-up Saturdays/Sundays count.
    expect(deadlineAfter(sh('2022-09-30T09:00:00'), { workingDays: 2 }, cal)).toEqual(sh('2022-10-09T09:00:00'));
  });

  it('hours are clock hours', () => {
    expect(deadlineAfter(sh('2022-06-03T10:00:00'), { hours: 24 }, cal)).toEqual(sh('2022-06-04T10:00:00'));
  });

  it('uses the defaults of the work plan and merges a command’s overrides', () => {
    expect(answerDuration('urgent', true, DEFAULT_RULES)).toEqual({ hours: 24 });
    expect(answerDuration('normal', false, DEFAULT_RULES)).toEqual({ workingDays: 3 });
    expect(answerDuration('normal', true, DEFAULT_RULES)).toEqual({ workingDays: 10 });
    const r = mergeRules({ dispatch: { ...DEFAULT_RULES.dispatch, normal: { hours: 12 } } });
    expect(r.dispatch.normal).toEqual({ hours: 12 });
    expect(r.dispatch.urgent).toEqual({ hours: 1 });
    expect(r.answer.complex).toEqual({ workingDays: 10 });
  });

  it('a deadline in working days is never earlier than the same number of calendar days, and lands on a working day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2022-01-01'), max: Date.parse('2022-12-20') }), fc.integer({ min: 1, max: 12 }), (ms, n) => {
        const start = new Date(ms);
        const d = deadlineAfter(start, { workingDays: n }, cal);
        expect(d.getTime()).toBeGreaterThanOrEqual(ms + n * 86_400_000);
        expect(isWorkingDay(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10), cal)).toBe(true);
        const w = warningAt(start, d, DEFAULT_RULES);
        expect(w.getTime()).toBeGreaterThan(ms);
        expect(w.getTime()).toBeLessThan(d.getTime());
      }),
    );
  });

  it('similarity on character bigrams', () => {
    expect(similarity('原材料供应不足', '原材料供应不足')).toBe(1);
    expect(similarity('原材料供应不足，急需钢材', '原材料供应紧张，急需钢材')).toBeGreaterThan(0.6);
    expect(similarity('货车通行证办理', '用工短缺招工难')).toBe(0);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      const s = similarity(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(similarity(b, a)).toBeCloseTo(s);
    }));
  });
});
