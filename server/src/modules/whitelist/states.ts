import { errors } from '../../platform/errors.js';
import type { ApplicationStatus, ListingStatus } from './tables.js';

/**
 * The two state machines of the whitelist, each with its whole transition table here.
 * An application: submit → (criteria check) auto_admit | queue → approve | reject → resubmit.
 * An enterprise on the list: admit, remove (熔断), suspend (shutdown awaiting the province's
 * consultation), resume, readmit.
 */
export type ApplicationAction = 'submit' | 'auto_admit' | 'queue' | 'approve' | 'reject' | 'resubmit';
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationAction, { from: readonly (ApplicationStatus | null)[]; to: ApplicationStatus }>> = {
  submit: { from: [null], to: 'submitted' },
  auto_admit: { from: ['submitted'], to: 'auto_admitted' },
  queue: { from: ['submitted'], to: 'pending_review' },
  approve: { from: ['pending_review'], to: 'approved' },
  reject: { from: ['pending_review'], to: 'rejected' },
  /** Amend and apply again: after a rejection, or after removal from the list. */
  resubmit: { from: ['rejected', 'approved', 'auto_admitted'], to: 'submitted' },
};

export type ListingAction = 'admit' | 'remove' | 'suspend' | 'resume' | 'readmit';
export const LISTING_TRANSITIONS: Readonly<Record<ListingAction, { from: readonly ListingStatus[]; to: ListingStatus }>> = {
  admit: { from: ['not_listed', 'removed'], to: 'listed' },
  remove: { from: ['listed', 'suspended'], to: 'removed' },
  suspend: { from: ['listed'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'listed' },
  readmit: { from: ['removed'], to: 'listed' },
};

export function canApplication(action: ApplicationAction, from: ApplicationStatus | null): boolean {
  return APPLICATION_TRANSITIONS[action].from.includes(from);
}
export function nextApplication(action: ApplicationAction, from: ApplicationStatus | null): ApplicationStatus {
  if (!canApplication(action, from)) throw errors.of(409, 'whitelist.invalid_transition', { action, from: from ?? 'none' });
  return APPLICATION_TRANSITIONS[action].to;
}
export function canListing(action: ListingAction, from: ListingStatus): boolean {
  return LISTING_TRANSITIONS[action].from.includes(from);
}
export function nextListing(action: ListingAction, from: ListingStatus): ListingStatus {
  if (!canListing(action, from)) throw errors.of(409, 'whitelist.invalid_transition', { action, from });
  return LISTING_TRANSITIONS[action].to;
}
export function listingActions(from: ListingStatus): ListingAction[] {
  return (Object.keys(LISTING_TRANSITIONS) as ListingAction[]).filter((a) => a !== 'admit' && canListing(a, from));
}
