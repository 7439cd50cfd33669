import type { RulePack } from './rules.js';
import type { ArrivalDecision, RiskLevel } from './reports.tables.js';

/**
 * The guide's 差异化赋码 (三.(四)): an arrival from a county with a risk area (or a static-management
 * area) gets a red code and centralQuarantineDays of central quarantine; anyone else a test within
 * arrivalTestHours of arrival, then the normal interval. Pure, so it is unit-tested.
 */
export interface RiskAreaLike { id: string; code: string; level: RiskLevel; fromDay: string; toDay: string | null }

/** A code ending in 0000 covers its province, one ending in 00 its city; any other only itself. */
export function areaCovers(areaCode: string, originCode: string): boolean {
  if (!/^\d{6}$/.test(areaCode) || !/^\d{6}$/.test(originCode)) return false;
  if (areaCode.endsWith('0000')) return originCode.startsWith(areaCode.slice(0, 2));
  if (areaCode.endsWith('00')) return originCode.startsWith(areaCode.slice(0, 4));
  return areaCode === originCode;
}

/** In force on `day` (YYYY-MM-DD): from its first day to its last, open-ended while toDay is null. */
export function areaActiveOn(area: Pick<RiskAreaLike, 'fromDay' | 'toDay'>, day: string): boolean {
  return area.fromDay <= day && (area.toDay === null || area.toDay >= day);
}

export interface ArrivalDecisionResult {
  decision: ArrivalDecision;
  riskAreaId: string | null;
  quarantineUntil: Date | null;
  testDueAt: Date | null;
}

export function decideArrival(rules: RulePack, areas: readonly RiskAreaLike[], originCode: string, arrivalAt: Date, arrivalDay: string): ArrivalDecisionResult {
  const hit = areas.find((a) => areaCovers(a.code, originCode) && areaActiveOn(a, arrivalDay));
  if (hit) return { decision: 'quarantine', riskAreaId: hit.id, quarantineUntil: new Date(arrivalAt.getTime() + rules.centralQuarantineDays * 86_400_000), testDueAt: null };
  return { decision: 'test', riskAreaId: null, quarantineUntil: null, testDueAt: new Date(arrivalAt.getTime() + rules.arrivalTestHours * 3600_000) };
}

export const ARRIVAL_STATUSES = ['quarantine', 'released', 'awaiting_test', 'tested', 'overdue'] as const;
export type ArrivalStatus = (typeof ARRIVAL_STATUSES)[number];

/** Where an arrival stands at `now`; `tested`: a test result of the person sampled at or after arrival. */
export function arrivalStatus(a: { decision: ArrivalDecision; quarantineUntil: Date | null; testDueAt: Date | null }, tested: boolean, now: Date): ArrivalStatus {
  switch (a.decision) {
    case 'quarantine':
      return a.quarantineUntil && a.quarantineUntil > now ? 'quarantine' : 'released';
    case 'test':
      if (tested) return 'tested';
      return a.testDueAt && a.testDueAt < now ? 'overdue' : 'awaiting_test';
  }
}
