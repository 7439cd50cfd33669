import { createHash } from 'node:crypto';
import { concurrentConnections, type Db } from '../../platform/db/index.js';
import { matchFingerprint, matchPolicies, notifyNewMatches, saveFingerprint, unchangedSinceLast, type MatchOutcome, type MatchTarget, type MatchTimings, type PolicyNotifier } from './matching.js';

/**
 * How many parts a whole run is split into on PostgreSQL. The run is one scan of the register
 * and one bulk write, each bound to one backend and one core; two parts use two. More parts than
 * cores only add scans of the register.
 */
export const MATCH_PARTS = 2;

/**
 * The part a policy always falls in, from its id alone: two runs that overlap split the same
 * policy the same way, so their parts never write the same pair side by side.
 */
export function partOf(policyId: string, parts: number): number {
  return createHash('sha1').update(policyId).digest().readUInt32BE(0) % parts;
}

/**
 * A whole run (every published policy against every enterprise) split by policy over parts, each
 * its own transaction on its own connection, run side by side: its own scan of the register, its
 * own writes and the notifications of its new matches, so a part's matches and their notifications
 * commit together. The fingerprint is checked first and saved once every part has committed; if a
 * part fails the run is not recorded, and the next run (the job retries; matching is idempotent)
 * does what is left. On PGlite (one connection), or for one policy, the single-transaction run.
 */
export async function matchWhole(db: Db, targets: readonly MatchTarget[], now: Date, notifier: PolicyNotifier | null, timings?: MatchTimings): Promise<MatchOutcome> {
  const parts = Math.min(MATCH_PARTS, concurrentConnections(db), targets.length);
  if (parts < 2) {
    return db.transaction(async (tx) => {
      const o = await matchPolicies(tx, targets, now, undefined, timings, { whole: true });
      if (o.unchanged) return { ...o, notifiedUsers: 0 };
      const t0 = performance.now();
      const notifiedUsers = await notifyNewMatches(tx, notifier, targets, now);
      if (timings) timings.notify += performance.now() - t0;
      return { ...o, notifiedUsers };
    });
  }
  const t0 = performance.now();
  const fingerprint = await matchFingerprint(db, targets);
  const unchanged = await unchangedSinceLast(db, fingerprint);
  if (timings) timings.check += performance.now() - t0;
  if (unchanged) return { added: 0, changed: 0, lapsed: 0, notifiedUsers: 0, unchanged: true };
  const split: MatchTarget[][] = Array.from({ length: parts }, () => []);
  for (const p of targets) split[partOf(p.id, parts)]!.push(p);
  const partTimings = split.map(() => ({ check: 0, evaluate: 0, write: 0, lapse: 0, notify: 0 }));
  const settled = await Promise.allSettled(
    split.map((mine, part) =>
      db.transaction(async (tx) => {
        const o = await matchPolicies(tx, mine, now, undefined, partTimings[part], { part });
        const t1 = performance.now();
        const notifiedUsers = await notifyNewMatches(tx, notifier, mine, now);
        partTimings[part]!.notify += performance.now() - t1;
        return { ...o, notifiedUsers };
      }),
    ),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const done = settled.map((s) => (s as PromiseFulfilledResult<MatchOutcome>).value);
  await saveFingerprint(db, fingerprint, now);
  // Parts overlap in time: a phase lasts as long as its slowest part.
  if (timings) for (const k of ['evaluate', 'write', 'lapse', 'notify'] as const) timings[k] += Math.max(...partTimings.map((t) => t[k]));
  const sum = (k: 'added' | 'changed' | 'lapsed' | 'notifiedUsers') => done.reduce((n, o) => n + o[k], 0);
  return { added: sum('added'), changed: sum('changed'), lapsed: sum('lapsed'), notifiedUsers: sum('notifiedUsers') };
}
