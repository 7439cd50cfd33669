import { eq, inArray } from 'drizzle-orm';
import { Secret } from 'otpauth';
import type { Db } from '../platform/db/index.js';
import type { FieldCrypto } from '../platform/crypto.js';
import type { SeedScale } from '../config.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { roles, securitySettings, users } from '../platform/auth/tables.js';
import { recordAudit } from '../platform/audit/service.js';
import { commandMembers, commands, departments, regions, taskForceMembers, taskForces } from '../modules/org/tables.js';
import { enterprises } from '../modules/whitelist/tables.js';
import { DEFAULT_ROLES } from '../modules/org/roles.js';
import { henanRegions, type RegionSeed } from '../modules/org/data/regions.js';
import { buildOrganisation } from '../modules/org/data/organisation.js';
import { generateEnterprises, enterpriseTargetRegions } from './enterprises.js';
import { createRandom } from './random.js';
import { demoAccounts, DEMO_PASSWORD, type DemoAccount } from './accounts.js';
import { seedWhitelist } from './whitelist.js';
import { seedPolicies } from './policies.js';
import { seedTasks } from './tasks.js';
import { seedDemands } from './demands.js';
import { seedLiaisons } from './liaisons.js';
import { seedNotifications } from './notifications.js';
import { seedPrevention } from './prevention.js';

export const KAIFENG = '410200';
export const LANKAO = '410225';

const ENTERPRISES_BY_SCALE: Record<SeedScale, number> = { county: 300, city: 3000, province: 50_000 };

/** Regions whose organisation and enterprises a scale fills; the region tree itself is always whole. */
export function regionsForScale(all: RegionSeed[], scale: SeedScale): RegionSeed[] {
  switch (scale) {
    case 'province':
      return all;
    case 'city':
      return all.filter((r) => r.level === 'province' || r.code === KAIFENG || r.parentCode === KAIFENG);
    case 'county':
      return all.filter((r) => r.level === 'province' || r.code === KAIFENG || r.code === LANKAO);
  }
}

export interface SeedResult {
  accounts: (DemoAccount & { totpSecret: string | null })[];
  enterprises: number;
}

async function chunked<T>(rows: T[], size: number, fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

/**
 * Deterministic demo data. Safe to run again: every row has a stable key, and existing rows are
 * left as they are.
 */
export async function seedDatabase(db: Db, crypto: FieldCrypto, opts: { scale: SeedScale; seed?: number }): Promise<SeedResult> {
  const rng = createRandom(opts.seed ?? 20220531);
  await db
    .insert(roles)
    .values(DEFAULT_ROLES.map(({ government: _g, ...r }) => ({ ...r, builtIn: true })))
    .onConflictDoNothing();
  await db.insert(securitySettings).values({ id: 1 }).onConflictDoNothing();

  const all = henanRegions();
  await chunked(all, 500, (c) => db.insert(regions).values(c).onConflictDoNothing());
  const scoped = regionsForScale(all, opts.scale);
  await seedOrganisation(db, buildOrganisation(rng, scoped));

  const targets = enterpriseTargetRegions(scoped);
  const ents = generateEnterprises(rng, targets, ENTERPRISES_BY_SCALE[opts.scale]);
  await chunked(ents, 1000, (c) =>
    db
      .insert(enterprises)
      .values(
        c.map(({ key: _k, contactPhone, ...e }) => ({ ...e, contactPhoneEnc: crypto.encrypt(contactPhone) })),
      )
      .onConflictDoNothing(),
  );

  const accounts = await seedAccounts(db, crypto, rng, opts.scale);
  await seedWhitelist(db, rng);
  await seedPolicies(db);
  await seedDemands(db, crypto);
  await seedLiaisons(db);
  await seedNotifications(db, accounts.map((a) => a.username));
  await seedTasks(db);
  await seedPrevention(db, crypto);
  await recordAudit(db, { id: null, name: 'system', ip: null }, { action: 'system.seeded', detail: { scale: opts.scale, enterprises: ents.length } });
  return { accounts, enterprises: ents.length };
}

async function seedOrganisation(db: Db, org: ReturnType<typeof buildOrganisation>) {
  await chunked(org.departments, 500, (c) => db.insert(departments).values(c).onConflictDoNothing());
  const depIds = new Map((await db.select({ id: departments.id, key: departments.key }).from(departments)).map((d) => [d.key, d.id]));
  for (const cmd of org.commands) {
    const existing = await db.select({ id: commands.id }).from(commands).where(eq(commands.key, cmd.key));
    if (existing.length) continue;
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(commands)
        .values({ key: cmd.key, regionCode: cmd.regionCode, name: cmd.name, officeDepartmentId: depIds.get(cmd.officeDepartmentKey) ?? null, officeLocation: cmd.officeLocation })
        .returning({ id: commands.id });
      const commandId = row!.id;
      if (cmd.members.length) await tx.insert(commandMembers).values(cmd.members.map((m, i) => ({ ...m, commandId, sort: i })));
      for (const [i, tf] of cmd.taskForces.entries()) {
        const [t] = await tx
          .insert(taskForces)
          .values({
            key: tf.key,
            commandId,
            regionCode: cmd.regionCode,
            kind: tf.kind,
            name: tf.name,
            sector: tf.sector,
            leadDepartmentId: depIds.get(tf.leadDepartmentKey) ?? null,
            officeLocation: tf.officeLocation,
            responsibilities: tf.responsibilities,
            sort: i,
          })
          .returning({ id: taskForces.id });
        if (tf.members.length) await tx.insert(taskForceMembers).values(tf.members.map((m, j) => ({ ...m, taskForceId: t!.id, sort: j })));
      }
    });
  }
}

async function seedAccounts(db: Db, crypto: FieldCrypto, rng: ReturnType<typeof createRandom>, scale: SeedScale) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const wanted = demoAccounts(scale);
  const depRows = await db.select({ id: departments.id, key: departments.key }).from(departments);
  const depIds = new Map(depRows.map((d) => [d.key, d.id]));
  const tfIds = new Map((await db.select({ id: taskForces.id, key: taskForces.key }).from(taskForces)).map((t) => [t.key, t.id]));
  const regionCodes = [...new Set(wanted.filter((a) => a.enterpriseRegion).map((a) => a.enterpriseRegion!))];
  const entRows = regionCodes.length
    ? await db
        .select({ id: enterprises.id, regionCode: enterprises.regionCode })
        .from(enterprises)
        .where(inArray(enterprises.regionCode, regionCodes))
        .orderBy(enterprises.uscc)
    : [];
  const out: SeedResult['accounts'] = [];
  for (const a of wanted) {
    // The TOTP secret comes from the seeded generator so the printed secrets are stable across runs.
    const totpSecret = a.totp ? base32(Array.from({ length: 20 }, () => rng.int(0, 255))) : null;
    const enterpriseIndex = a.enterpriseRegion ? entRows.filter((e) => e.regionCode === a.enterpriseRegion)[a.enterpriseIndex ?? 0] : undefined;
    if (a.enterpriseRegion && !enterpriseIndex) continue;
    const inserted = await db
      .insert(users)
      .values({
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        regionCode: a.regionCode,
        departmentId: a.departmentKey ? (depIds.get(a.departmentKey) ?? null) : null,
        taskForceId: a.taskForceKey ? (tfIds.get(a.taskForceKey) ?? null) : null,
        enterpriseId: enterpriseIndex?.id ?? null,
        phoneEnc: crypto.encrypt(a.phone),
        phoneHash: crypto.lookupHash(a.phone),
        passwordHash,
        mustChangePassword: false,
        totpSecretEnc: totpSecret ? crypto.encrypt(totpSecret) : null,
        totpEnabled: totpSecret !== null,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (inserted.length === 0) {
      const existing = await db.select().from(users).where(eq(users.username, a.username));
      const secret = existing[0]?.totpSecretEnc ? crypto.decrypt(existing[0].totpSecretEnc) : null;
      out.push({ ...a, totpSecret: secret });
    } else out.push({ ...a, totpSecret });
  }
  return out;
}

function base32(bytes: number[]): string {
  return new Secret({ buffer: new Uint8Array(bytes).buffer }).base32;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const r = await db.select({ code: regions.code }).from(regions).limit(1);
  return r.length === 0;
}
