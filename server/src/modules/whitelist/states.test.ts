import { describe, expect, it } from 'vitest';
import { APPLICATION_TRANSITIONS, canApplication, canListing, LISTING_TRANSITIONS, nextApplication, nextListing, type ApplicationAction, type ListingAction } from './states.js';
import { APPLICATION_STATUSES, LISTING_STATUSES } from './tables.js';

describe('state machines', () => {
  it('allows exactly the application transitions of the table', () => {
    for (const action of Object.keys(APPLICATION_TRANSITIONS) as ApplicationAction[]) {
      for (const from of [null, ...APPLICATION_STATUSES]) {
        const allowed = APPLICATION_TRANSITIONS[action].from.includes(from);
        expect(canApplication(action, from)).toBe(allowed);
        if (allowed) expect(nextApplication(action, from)).toBe(APPLICATION_TRANSITIONS[action].to);
        else expect(() => nextApplication(action, from)).toThrow();
      }
    }
  });
  it('allows exactly the listing transitions of the table', () => {
    for (const action of Object.keys(LISTING_TRANSITIONS) as ListingAction[]) {
      for (const from of LISTING_STATUSES) {
        const allowed = LISTING_TRANSITIONS[action].from.includes(from);
        expect(canListing(action, from)).toBe(allowed);
        if (allowed) expect(nextListing(action, from)).toBe(LISTING_TRANSITIONS[action].to);
        else expect(() => nextListing(action, from)).toThrow();
      }
    }
  });
});
