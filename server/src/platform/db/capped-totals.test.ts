import { describe, expect, it } from 'vitest';
import { cappedPageOf, sumCapped, TOTAL_CAP } from './totals.js';
import { z } from 'zod';

describe('capped totals', () => {
  it('adds the totals of several lists, capped when any part is or the sum passes the cap', () => {
    expect(sumCapped([])).toEqual({ total: 0, totalCapped: false });
    expect(sumCapped([{ total: 3, totalCapped: false }, { total: 4, totalCapped: false }])).toEqual({ total: 7, totalCapped: false });
    expect(sumCapped([{ total: TOTAL_CAP, totalCapped: true }, { total: 4, totalCapped: false }])).toEqual({ total: TOTAL_CAP, totalCapped: true });
    expect(sumCapped([{ total: 6_000, totalCapped: false }, { total: 6_000, totalCapped: false }])).toEqual({ total: TOTAL_CAP, totalCapped: true });
    expect(sumCapped([{ total: 1, totalCapped: true }, { total: 1, totalCapped: true }])).toEqual({ total: 2, totalCapped: true });
  });

  it('describes a capped page', () => {
    const schema = cappedPageOf(z.object({ id: z.string() }));
    expect(schema.parse({ items: [{ id: 'a' }], total: 1, totalCapped: false })).toEqual({ items: [{ id: 'a' }], total: 1, totalCapped: false });
    expect(schema.safeParse({ items: [], total: 0 }).success).toBe(false);
  });
});
