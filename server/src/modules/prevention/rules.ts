import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Conn } from '../../platform/db/index.js';
import type { PostKind } from './tables.js';
import { preventionSettings } from './tables.js';

/**
 * The prevention rule pack: every interval and duration a government may change, with the 2022
 * values (the guide's 二 and 三, the work plan's 三 and 七) as defaults. Nothing else in the module
 * hard-codes these numbers.
 */
export const RulePack = z.object({
  /** Regular posts: one PCR test every 48 h. */
  testIntervalHours: z.number().int().min(1).max(24 * 30),
  /** Mobile and contact posts (logistics, sales, drivers): every 24 h. */
  mobileContactIntervalHours: z.number().int().min(1).max(24 * 30),
  /** Everyone in a closed-loop unit of an enterprise in a region in emergency: every 24 h. */
  emergencyClosedLoopIntervalHours: z.number().int().min(1).max(24 * 30),
  /** City supply workers (城市保供人员): daily. */
  citySupplyIntervalHours: z.number().int().min(1).max(24 * 30),
  /** "Due soon" when the next test falls within this many hours. */
  dueSoonHours: z.number().int().min(0).max(72),
  /** Arrivals from a risk area: days of central quarantine. */
  centralQuarantineDays: z.number().int().min(0).max(60),
  /** Arrivals from elsewhere: a test within this many hours of arrival. */
  arrivalTestHours: z.number().int().min(1).max(168),
  /** Suspected cases: re-test within this many hours. */
  retestHours: z.number().int().min(1).max(72),
  /** Venue scans, test results and reports are deleted after this many days (PIPL: shortest time necessary). */
  retentionDays: z.number().int().min(1).max(365),
  /** Contact tracing window either side of the positive person's scan. */
  contactWindowMinutes: z.number().int().min(1).max(24 * 60),
  /** Hour of the day (Asia/Shanghai) after which a missing daily health report raises an alert. */
  dailyReportDeadlineHour: z.number().int().min(0).max(23),
  /**
   * Suspected cases cleared by the re-test: days of quiet period (静默期) with one test a day before returning to
   * post. The guide (三(七)) sets the quiet period and the daily test but gives no length; 3 days is our default.
   */
  quietPeriodDays: z.number().int().min(0).max(30).default(3),
  /** A missed daily health report may still be filed (marked late) for this many days before today. */
  lateReportDays: z.number().int().min(0).max(30).default(3),
  /** The roster of an enterprise removed from the whitelist is deleted this many days after its removal (PIPL art. 47). */
  rosterGraceDays: z.number().int().min(0).max(365).default(28),
});
export type RulePack = z.infer<typeof RulePack>;

export const DEFAULT_RULES: RulePack = {
  testIntervalHours: 48,
  mobileContactIntervalHours: 24,
  emergencyClosedLoopIntervalHours: 24,
  citySupplyIntervalHours: 24,
  dueSoonHours: 12,
  centralQuarantineDays: 7,
  arrivalTestHours: 24,
  retestHours: 6,
  retentionDays: 28,
  contactWindowMinutes: 30,
  dailyReportDeadlineHour: 18,
  quietPeriodDays: 3,
  lateReportDays: 3,
  rosterGraceDays: 28,
};

/** The stored overrides over the defaults; an unknown or invalid stored key falls back to its default. */
export async function loadRules(conn: Conn): Promise<RulePack> {
  const row = (await conn.select().from(preventionSettings).where(eq(preventionSettings.id, 1)))[0];
  const parsed = RulePack.partial().safeParse(row?.rules ?? {});
  return { ...DEFAULT_RULES, ...(parsed.success ? parsed.data : {}) };
}

export async function saveRules(conn: Conn, rules: RulePack, by: string | null): Promise<void> {
  await conn
    .insert(preventionSettings)
    .values({ id: 1, rules, updatedBy: by })
    .onConflictDoUpdate({ target: preventionSettings.id, set: { rules, updatedBy: by, updatedAt: new Date() } });
}

/** The test interval of one person, in hours. */
export function intervalHours(rules: RulePack, p: { postKind: PostKind; inClosedLoopUnit: boolean; regionInEmergency: boolean }): number {
  let h = rules.testIntervalHours;
  switch (p.postKind) {
    case 'mobile_contact':
      h = Math.min(h, rules.mobileContactIntervalHours);
      break;
    case 'city_supply':
      h = Math.min(h, rules.citySupplyIntervalHours);
      break;
    case 'regular':
      break;
  }
  if (p.inClosedLoopUnit && p.regionInEmergency) h = Math.min(h, rules.emergencyClosedLoopIntervalHours);
  return h;
}

export const COMPLIANCE_STATUSES = ['compliant', 'due_soon', 'overdue'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/**
 * When a person's next test is due: `interval` after the last negative test, or sooner, arrivalTestHours
 * after an arrival no negative test has followed yet. Null: never tested and no arrival.
 */
export function testDueAt(rules: RulePack, lastNegativeAt: Date | null, interval: number, lastArrivalAt: Date | null = null): Date | null {
  const normal = lastNegativeAt ? lastNegativeAt.getTime() + interval * 3600_000 : null;
  const arrival = lastArrivalAt && (!lastNegativeAt || lastNegativeAt < lastArrivalAt) ? lastArrivalAt.getTime() + rules.arrivalTestHours * 3600_000 : null;
  const due = normal === null ? arrival : arrival === null ? normal : Math.min(normal, arrival);
  return due === null ? null : new Date(due);
}

/** Compliance of one person at `now`: never tested (and not just arrived) counts as overdue. */
export function complianceOf(rules: RulePack, lastNegativeAt: Date | null, interval: number, now: Date, lastArrivalAt: Date | null = null): ComplianceStatus {
  const dueAt = testDueAt(rules, lastNegativeAt, interval, lastArrivalAt);
  if (!dueAt) return 'overdue';
  const due = dueAt.getTime();
  if (due < now.getTime()) return 'overdue';
  if (due - now.getTime() <= rules.dueSoonHours * 3600_000) return 'due_soon';
  return 'compliant';
}
