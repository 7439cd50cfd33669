import { errors } from '../../platform/errors.js';
import type { ClaimStatus, PolicyStatus, UptakeStatus } from './tables.js';

/**
 * The three state machines of the policies module, each with its whole transition table here.
 * A policy: draft → publish → (revise: new version, re-matched) → withdraw → publish again.
 * Uptake of a match (应享尽享): eligible → apply → approve → disburse (兑现); reject → apply again.
 * A sampling-booth claim: submitted → approve | reject.
 */
export type PolicyAction = 'update' | 'publish' | 'revise' | 'withdraw';
export const POLICY_TRANSITIONS: Readonly<Record<PolicyAction, { from: readonly PolicyStatus[]; to: PolicyStatus | 'same' }>> = {
  update: { from: ['draft', 'withdrawn'], to: 'same' },
  publish: { from: ['draft', 'withdrawn'], to: 'published' },
  revise: { from: ['published'], to: 'same' },
  withdraw: { from: ['published'], to: 'withdrawn' },
};

export type UptakeAction = 'apply' | 'approve' | 'reject' | 'disburse';
export const UPTAKE_TRANSITIONS: Readonly<Record<UptakeAction, { from: readonly UptakeStatus[]; to: UptakeStatus }>> = {
  apply: { from: ['eligible', 'rejected'], to: 'applied' },
  approve: { from: ['applied'], to: 'approved' },
  reject: { from: ['applied'], to: 'rejected' },
  disburse: { from: ['approved'], to: 'disbursed' },
};

export const CLAIM_ACTIONS = ['approve', 'reject'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimAction, { from: readonly ClaimStatus[]; to: ClaimStatus }>> = {
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
};

function next<A extends string, S extends string, T extends string>(table: Readonly<Record<A, { from: readonly S[]; to: T }>>, action: A, from: S): T {
  if (!table[action].from.includes(from)) throw errors.of(409, 'policies.invalid_transition', { action, from });
  return table[action].to;
}
function allowed<A extends string, S extends string>(table: Readonly<Record<A, { from: readonly S[] }>>, from: S): A[] {
  return (Object.keys(table) as A[]).filter((a) => table[a].from.includes(from));
}

export const nextPolicy = (a: PolicyAction, from: PolicyStatus): PolicyStatus => {
  const to = next(POLICY_TRANSITIONS, a, from);
  return to === 'same' ? from : to;
};
export const policyActions = (from: PolicyStatus) => allowed(POLICY_TRANSITIONS, from);
export const nextUptake = (a: UptakeAction, from: UptakeStatus) => next(UPTAKE_TRANSITIONS, a, from);
export const uptakeActions = (from: UptakeStatus) => allowed(UPTAKE_TRANSITIONS, from);
export const nextClaim = (a: ClaimAction, from: ClaimStatus) => next(CLAIM_TRANSITIONS, a, from);
export const claimActions = (from: ClaimStatus) => allowed(CLAIM_TRANSITIONS, from);
