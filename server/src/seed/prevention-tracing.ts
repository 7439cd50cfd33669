import { asc, eq, inArray } from 'drizzle-orm';
import { maskIdCard, maskPhone, sm3Hex, type FieldCrypto } from '../platform/crypto.js';
import type { Db } from '../platform/db/index.js';
import { preventionAlerts, preventionEmployees, preventionUnits } from '../modules/prevention/tables.js';
import { preventionDrugPurchases, preventionTracedPersons, preventionVenueScans, preventionVenues, type DrugClass, type VenueKind } from '../modules/prevention/tracing.tables.js';
import { generateIdCard } from './idcard.js';
import { mobilePhone } from './names.js';
import { createRandom } from './random.js';

/** The venue tree each demo enterprise gets; `unit` names the closed-loop unit (seed/prevention.ts). */
const VENUES: { name: string; kind: VenueKind; parent?: string; unit?: string }[] = [
  { name: '东门', kind: 'door' },
  { name: '1号厂房', kind: 'building' },
  { name: '1号厂房一层', kind: 'floor', parent: '1号厂房', unit: '一车间' },
  { name: '一车间', kind: 'workshop', parent: '1号厂房一层', unit: '一车间' },
  { name: '1号厂房二层', kind: 'floor', parent: '1号厂房', unit: '二车间' },
  { name: '二车间', kind: 'workshop', parent: '1号厂房二层', unit: '二车间' },
  { name: '仓储区', kind: 'area', unit: '仓储物流' },
  { name: '综合楼', kind: 'building', unit: '办公区' },
  { name: '职工食堂', kind: 'area' },
];
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A stable code per enterprise and venue name, so seeding twice adds nothing. */
function seedCode(enterpriseId: string, name: string): string {
  const h = sm3Hex(`${enterpriseId}:${name}`);
  return `CS${Array.from({ length: 10 }, (_, i) => ALPHABET[parseInt(h.slice(i * 2, i * 2 + 2), 16) % 32]).join('')}`;
}

/**
 * Venue codes, three days of scans (each employee at the door, the canteen and their unit's
 * venues) and a few drug purchases with their alerts, for the demo enterprises of 兰考县 and 鼓楼区.
 */
export async function seedPreventionTracing(db: Db, crypto: FieldCrypto, enterpriseIds: string[], now = new Date()): Promise<void> {
  const rng = createRandom(20220615);
  for (const entId of enterpriseIds) {
    const units = await db.select().from(preventionUnits).where(eq(preventionUnits.enterpriseId, entId));
    const first = units[0];
    if (!first) continue;
    const ids = new Map<string, string>();
    for (const v of VENUES) {
      const [row] = await db.insert(preventionVenues).values({ code: seedCode(entId, v.name), enterpriseId: entId, regionCode: first.regionCode, parentId: v.parent ? (ids.get(v.parent) ?? null) : null, name: v.name, kind: v.kind, unitId: units.find((u) => u.name === v.unit)?.id ?? null }).onConflictDoNothing().returning();
      const id = row?.id ?? (await db.select({ id: preventionVenues.id }).from(preventionVenues).where(eq(preventionVenues.code, seedCode(entId, v.name))))[0]?.id;
      if (id) ids.set(v.name, id);
    }
    const venues = await db.select().from(preventionVenues).where(eq(preventionVenues.enterpriseId, entId));
    const people = await db.select().from(preventionEmployees).where(eq(preventionEmployees.enterpriseId, entId)).orderBy(asc(preventionEmployees.idCardHash));
    const scans: (typeof preventionVenueScans.$inferInsert)[] = [];
    for (const p of people) {
      const mine = venues.filter((v) => v.unitId && v.unitId === p.unitId);
      for (let d = 0; d < 3; d++) {
        // Shift start around 08:00 Shanghai (00:00 UTC), lunch around 12:00, scattered by minutes.
        const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - d - 1);
        const door = venues.find((v) => v.name === '东门')!;
        const canteen = venues.find((v) => v.name === '职工食堂')!;
        scans.push({ personHash: p.idCardHash, venueCode: door.code, scannedAt: new Date(day + rng.int(-20, 20) * 60_000) });
        scans.push({ personHash: p.idCardHash, venueCode: canteen.code, scannedAt: new Date(day + 4 * 3600_000 + rng.int(-30, 30) * 60_000) });
        for (const v of mine) scans.push({ personHash: p.idCardHash, venueCode: v.code, scannedAt: new Date(day + 30 * 60_000 + rng.int(0, 60) * 60_000) });
      }
    }
    if (people.length) {
      await db.insert(preventionTracedPersons).values(people.map((p) => ({ personHash: p.idCardHash, idCardEnc: p.idCardEnc, idCardMasked: p.idCardMasked, phoneEnc: p.phoneEnc, phoneMasked: p.phoneMasked, lastSeenAt: now }))).onConflictDoNothing();
    }
    for (let i = 0; i < scans.length; i += 1000) await db.insert(preventionVenueScans).values(scans.slice(i, i + 1000)).onConflictDoNothing();
  }
  // Drug purchases: two by roster employees of the first enterprise, two by walk-in buyers, all alerted.
  const ent = enterpriseIds[0];
  if (!ent) return;
  const staff = await db.select().from(preventionEmployees).where(inArray(preventionEmployees.enterpriseId, [ent])).orderBy(asc(preventionEmployees.idCardHash)).limit(2);
  const classes: DrugClass[] = ['fever', 'cough', 'antiviral', 'antibiotic'];
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  for (let i = 0; i < 4; i++) {
    const e = staff[i];
    const id = generateIdCard(rng, '410225', [1960, 2000]);
    const phone = mobilePhone(rng);
    const hash = e?.idCardHash ?? crypto.lookupHash(id);
    const masked = e?.idCardMasked ?? maskIdCard(id);
    if (!e) await db.insert(preventionTracedPersons).values({ personHash: hash, idCardEnc: crypto.encrypt(id), idCardMasked: masked, phoneEnc: crypto.encrypt(phone), phoneMasked: maskPhone(phone), lastSeenAt: now }).onConflictDoNothing();
    const at = new Date(now.getTime() - (i + 1) * 5 * 3600_000);
    const purchaseId = `SEED-DP-${i + 1}`;
    const pharmacy = ['兰考县仁和大药房', '兰考县百姓大药房'][i % 2]!;
    await db.insert(preventionDrugPurchases).values({ purchaseId, personHash: hash, drugClass: classes[i]!, pharmacy, purchasedAt: at, regionCode: '410225', enterpriseId: e?.enterpriseId ?? null, alerted: true }).onConflictDoNothing();
    await db.insert(preventionAlerts).values({ kind: 'drug_purchase', dedupeKey: `drug_purchase:${purchaseId}`, enterpriseId: e?.enterpriseId ?? null, regionCode: '410225', detail: { day, purchaseId, drugClass: classes[i]!, pharmacy, purchasedAt: at.toISOString(), idCardMasked: masked }, raisedAt: at }).onConflictDoNothing();
  }
}
