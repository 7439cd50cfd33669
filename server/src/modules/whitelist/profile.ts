import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import type { AuditActor } from '../../platform/audit/service.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { maskPhone } from '../../platform/crypto.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { isValidUscc } from '../../seed/uscc.js';
import { recordStep } from './history.js';
import type { WhitelistService } from './service.js';
import { enterpriseProfileVersions, enterprises, supplyLinks, type TaxCreditRating } from './tables.js';

/** What an enterprise maintains itself; every change is versioned for the department to see. */
export interface ProfilePatch {
  legalRepresentative?: string | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  employees?: number | undefined;
  outputValueFen?: number | undefined;
  dormitoryCapacity?: number | undefined;
  closedLoopCapacity?: number | undefined;
  hasPreventionPlan?: boolean | undefined;
  hasTaskForce?: boolean | undefined;
  competentDepartment?: string | null | undefined;
  liaisonCadres?: string | null | undefined;
  pairedMedicalInstitution?: string | null | undefined;
  preventionStaff?: number | undefined;
  cityOperationSupport?: boolean | undefined;
  taxCreditRating?: TaxCreditRating | null | undefined;
  taxArrears?: boolean | undefined;
}

export async function updateProfile(svc: WhitelistService, crypto: FieldCrypto, scope: Scope, actor: AuditActor, enterpriseId: string, patch: ProfilePatch) {
  const before = await svc.db.transaction(async (tx) => {
    const ent = await svc.enterprise(tx, scope, enterpriseId, true);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Partial<typeof enterprises.$inferInsert> = {};
    for (const [k, v] of Object.entries(patch) as [keyof ProfilePatch, unknown][]) {
      if (v === undefined) continue;
      if (k === 'contactPhone') {
        const old = ent.contactPhoneEnc ? crypto.decrypt(ent.contactPhoneEnc) : null;
        if (old === v) continue;
        changes[k] = { from: old ? maskPhone(old) : null, to: typeof v === 'string' ? maskPhone(v) : null };
        set.contactPhoneEnc = typeof v === 'string' ? crypto.encrypt(v) : null;
        continue;
      }
      const old = ent[k];
      if (old === v) continue;
      changes[k] = { from: old, to: v };
      Object.assign(set, { [k]: v });
    }
    if (Object.keys(changes).length === 0) return { row: ent, changed: false };
    const version = ent.profileVersion + 1;
    const [row] = await tx.update(enterprises).set({ ...set, profileVersion: version, updatedAt: new Date() }).where(eq(enterprises.id, ent.id)).returning();
    await tx.insert(enterpriseProfileVersions).values({ enterpriseId: ent.id, regionCode: ent.regionCode, sector: ent.sector, version, changes, changedBy: actor.name });
    await recordStep(tx, actor, ent, { event: 'profile.change', note: Object.keys(changes).join(', '), detail: { version, changes } });
    return { row: row!, changed: true };
  });
  if (before.changed) await svc.enterpriseChanged(before.row.id);
  return before.row;
}

export async function profileVersions(db: Db, scope: Scope, enterpriseId: string) {
  return db.select().from(enterpriseProfileVersions).where(scopeWhere(scope, enterpriseProfileVersions, eq(enterpriseProfileVersions.enterpriseId, enterpriseId))).orderBy(desc(enterpriseProfileVersions.version));
}

export interface LinkInput {
  direction: 'upstream' | 'downstream';
  partnerName: string;
  partnerUscc: string;
}

/** The partners an enterprise names, with whether each is a registered and whitelisted firm. */
export async function listLinks(db: Db, scope: Scope, enterpriseId: string) {
  const rows = await db.select().from(supplyLinks).where(scopeWhere(scope, supplyLinks, eq(supplyLinks.enterpriseId, enterpriseId))).orderBy(supplyLinks.createdAt);
  const usccs = rows.map((r) => r.partnerUscc);
  // Only the listing status of a partner is disclosed, never its profile.
  const partners = usccs.length ? await db.select({ uscc: enterprises.uscc, listingStatus: enterprises.listingStatus }).from(enterprises).where(inArray(enterprises.uscc, usccs)) : [];
  const status = new Map(partners.map((p) => [p.uscc, p.listingStatus]));
  return rows.map((r) => ({ id: r.id, direction: r.direction, partnerName: r.partnerName, partnerUscc: r.partnerUscc, partnerListed: status.get(r.partnerUscc) === 'listed' }));
}

export async function replaceLinks(svc: WhitelistService, scope: Scope, actor: AuditActor, enterpriseId: string, links: LinkInput[]) {
  links.forEach((l, i) => {
    if (!isValidUscc(l.partnerUscc)) throw errors.validation(`body.links.${i}.partnerUscc`, 'not a valid unified social credit code');
  });
  await svc.db.transaction(async (tx) => {
    const ent = await svc.enterprise(tx, scope, enterpriseId, true);
    if (links.some((l) => l.partnerUscc === ent.uscc)) throw errors.validation('body.links', 'an enterprise cannot link to itself');
    await tx.delete(supplyLinks).where(and(eq(supplyLinks.enterpriseId, ent.id)));
    const unique = [...new Map(links.map((l) => [l.partnerUscc, l])).values()];
    if (unique.length) await tx.insert(supplyLinks).values(unique.map((l) => ({ ...l, enterpriseId: ent.id, regionCode: ent.regionCode, sector: ent.sector })));
    await recordStep(tx, actor, ent, { event: 'links.change', detail: { partners: unique.map((l) => l.partnerUscc) } });
  });
  return listLinks(svc.db, scope, enterpriseId);
}
