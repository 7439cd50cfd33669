import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import { users } from '../platform/auth/tables.js';
import { enterprises } from '../modules/whitelist/tables.js';
import { liaisonPairings } from '../modules/demands/tables.js';

/** The demo liaison cadre (包保干部, accounts.ts) and the counties whose enterprises it is paired with. */
export const LIAISON_ACCOUNT = 'kf_liaison';
export const LIAISON_REGIONS = ['410225', '410204'] as const; // 兰考县, 鼓楼区
/** The 3rd to 5th enterprise of each region by code (the 1st and 2nd are the demo enterprise accounts'). */
export const LIAISON_OFFSET = 2;
export const LIAISON_COUNT = 3;
/**
 * Demo enterprise accounts (accounts.ts) whose enterprises the cadre is paired with too, so a demo of
 * the liaison seeing and answering its enterprise's demands can start from their logins.
 */
export const LIAISON_ENTERPRISE_ACCOUNTS = ['ent_lankao', 'ent_gulou'] as const;

/**
 * Pairs the demo liaison cadre with a few enterprises of 兰考县 and 鼓楼区 and with the enterprises of
 * the demo accounts `ent_lankao` and `ent_gulou`, so its account shows their demands from the start.
 * Enterprises are taken by unified social credit code, as the demo enterprise accounts are, so the
 * choice is the same on every run; the pairing's key (user, enterprise) makes a second run add
 * nothing. Regions the scale did not fill, and accounts it did not create, are skipped.
 * Returns the number of pairings added.
 */
export async function seedLiaisons(db: Db): Promise<number> {
  const cadre = (await db.select({ id: users.id }).from(users).where(eq(users.username, LIAISON_ACCOUNT)))[0];
  if (!cadre) return 0;
  const ents: { id: string; regionCode: string }[] = await db
    .select({ id: enterprises.id, regionCode: enterprises.regionCode })
    .from(users)
    .innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(inArray(users.username, [...LIAISON_ENTERPRISE_ACCOUNTS]));
  for (const region of LIAISON_REGIONS) {
    ents.push(
      ...(await db
        .select({ id: enterprises.id, regionCode: enterprises.regionCode })
        .from(enterprises)
        .where(eq(enterprises.regionCode, region))
        .orderBy(asc(enterprises.uscc))
        .limit(LIAISON_COUNT)
        .offset(LIAISON_OFFSET)),
    );
  }
  if (ents.length === 0) return 0;
  const rows = await db
    .insert(liaisonPairings)
    .values(ents.map((e) => ({ userId: cadre.id, enterpriseId: e.id, regionCode: e.regionCode, createdBy: 'seed' })))
    .onConflictDoNothing()
    .returning({ e: liaisonPairings.enterpriseId });
  return rows.length;
}
