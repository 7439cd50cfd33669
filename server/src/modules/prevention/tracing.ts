import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { isValidIdCard } from '../../seed/idcard.js';
import { loadRules } from './rules.js';
import { normaliseIdCard, type PreventionService } from './service.js';
import { preventionEmployees, preventionUnits } from './tables.js';
import { preventionTracedPersons, preventionVenueScans, preventionVenues } from './tracing.tables.js';

export interface TraceInput { employeeId?: string | undefined; idCard?: string | undefined; from: Date; to: Date; secondOrder: boolean; reveal: boolean }
export interface TracedPerson { personHash: string; idCardMasked: string; idCard: string | null; name: string | null; employeeId: string | null; enterpriseId: string | null; unitId: string | null }
export interface Contact extends TracedPerson { overlaps: number; minGapMinutes: number; sameUnit: boolean; venues: string[]; via: number }
export interface TouchedUnit { id: string; name: string; enterpriseId: string; isolated: boolean; members: { employeeId: string; name: string; idCardMasked: string; post: string }[] }
export interface TraceResult {
  person: TracedPerson;
  windowMinutes: number;
  scans: { venueCode: string; venueName: string; unitId: string | null; scannedAt: Date }[];
  contacts: Contact[];
  secondOrder: Contact[] | null;
  units: TouchedUnit[];
}

const MAX_WINDOW_DAYS = 31;
const MAX_CONTACTS = 500;
/** Second-order tracing starts from the closest first-order contacts only: it is breadth the staff asked for, not everyone. */
const SECOND_ORDER_SEEDS = 200;

interface ContactRow { person_hash: string; hits: number; min_gap_s: number; venues: string[]; via: number }

/**
 * Who scanned the same venue within ±`minutes` of any scan of the given people, inside the window
 * and only at venues the caller's scope covers. Starts from the (person, time) primary key and
 * probes (venue, time): a person with 20 scans costs 20 index range scans.
 */
async function contactsOf(conn: Conn, scope: Scope, seeds: string[], exclude: string[], from: Date, to: Date, minutes: number): Promise<ContactRow[]> {
  if (!seeds.length) return [];
  const s = preventionVenueScans;
  const res = await conn.execute(sql`
    with mine as materialized (
      select ${s.personHash} as seed, ${s.venueCode} as venue_code, ${s.scannedAt} as scanned_at,
             ${s.scannedAt} - ${minutes}::int * interval '1 minute' as lo, ${s.scannedAt} + ${minutes}::int * interval '1 minute' as hi
      from ${s} join ${preventionVenues} on ${preventionVenues.code} = ${s.venueCode}
      where ${inArray(s.personHash, seeds)} and ${s.scannedAt} between ${from.toISOString()}::timestamptz and ${to.toISOString()}::timestamptz
        and ${scopeWhere(scope, preventionVenues)}
    )
    select o.person_hash, count(distinct m.venue_code || '@' || m.scanned_at::text)::int as hits,
           min(abs(extract(epoch from (o.scanned_at - m.scanned_at))))::int as min_gap_s,
           array_agg(distinct o.venue_code) as venues, count(distinct m.seed)::int as via
    from mine m
    -- lateral with precomputed bounds: each of the person's scans is one (venue, time) index range scan
    cross join lateral (
      select x.person_hash, x.venue_code, x.scanned_at from prevention_venue_scans x
      where x.venue_code = m.venue_code and x.scanned_at >= m.lo and x.scanned_at <= m.hi
    ) o
    where o.person_hash <> all(${`{${exclude.join(',')}}`}::text[])
    group by o.person_hash
    order by hits desc, min_gap_s asc
    limit ${MAX_CONTACTS}`);
  return (res as unknown as { rows: ContactRow[] }).rows;
}

/** Roster entries (in scope) and the traced-person record of each hash: the display, masked unless revealed. */
async function people(svc: PreventionService, conn: Conn, scope: Scope, hashes: string[], reveal: boolean): Promise<Map<string, TracedPerson>> {
  const out = new Map<string, TracedPerson>();
  if (!hashes.length) return out;
  const [tp, emps] = await Promise.all([
    conn.select().from(preventionTracedPersons).where(inArray(preventionTracedPersons.personHash, hashes)),
    conn.select().from(preventionEmployees).where(scopeWhere(scope, preventionEmployees, inArray(preventionEmployees.idCardHash, hashes))),
  ]);
  for (const p of tp) out.set(p.personHash, { personHash: p.personHash, idCardMasked: p.idCardMasked, idCard: reveal ? svc.crypto.decrypt(p.idCardEnc) : null, name: null, employeeId: null, enterpriseId: null, unitId: null });
  for (const e of emps) {
    const cur = out.get(e.idCardHash);
    if (cur?.employeeId) continue;
    out.set(e.idCardHash, { personHash: e.idCardHash, idCardMasked: e.idCardMasked, idCard: reveal ? svc.crypto.decrypt(e.idCardEnc) : null, name: e.name, employeeId: e.id, enterpriseId: e.enterpriseId, unitId: e.unitId });
  }
  return out;
}

function toContacts(rows: ContactRow[], who: Map<string, TracedPerson>, unitId: string | null): Contact[] {
  const list = rows.map((r) => {
    const p = who.get(r.person_hash) ?? { personHash: r.person_hash, idCardMasked: '—', idCard: null, name: null, employeeId: null, enterpriseId: null, unitId: null };
    return { ...p, overlaps: r.hits, minGapMinutes: Math.round(r.min_gap_s / 60), sameUnit: Boolean(unitId && p.unitId === unitId), venues: r.venues, via: r.via };
  });
  // Ranked: more overlaps, then the closest in time, then the positive person's own closed-loop unit.
  return list.sort((a, b) => b.overlaps - a.overlaps || a.minGapMinutes - b.minGapMinutes || Number(b.sameUnit) - Number(a.sameUnit));
}

/** The person being traced: a roster employee the caller may see, or an ID number. */
async function subject(svc: PreventionService, scope: Scope, input: TraceInput): Promise<{ hash: string; employee: typeof preventionEmployees.$inferSelect | null; id: string | null }> {
  if (input.employeeId) {
    const e = await svc.employee(svc.db, scope, input.employeeId);
    return { hash: e.idCardHash, employee: e, id: null };
  }
  const id = normaliseIdCard(input.idCard ?? '');
  if (!isValidIdCard(id)) throw errors.validation('body.idCard', '身份证号码无效 invalid ID number');
  const hash = svc.crypto.lookupHash(id);
  const e = (await svc.db.select().from(preventionEmployees).where(scopeWhere(scope, preventionEmployees, eq(preventionEmployees.idCardHash, hash))).limit(1))[0] ?? null;
  return { hash, employee: e, id };
}

/**
 * Contact tracing for one positive person: their scans, the ranked close-contact candidates, on
 * request the second-order contacts, and the closed-loop units touched with everyone in them. The
 * trace itself is an audit event (who traced whom), as is every clear ID number it shows.
 */
export async function trace(svc: PreventionService, scope: Scope, actor: AuditActor, mayReveal: boolean, input: TraceInput): Promise<TraceResult> {
  if (input.to.getTime() <= input.from.getTime()) throw errors.validation('body.to', 'must be after from');
  if (input.to.getTime() - input.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) throw errors.validation('body.from', `at most ${MAX_WINDOW_DAYS} days`);
  if (input.reveal && !mayReveal) throw errors.forbidden();
  const rules = await loadRules(svc.db);
  const minutes = rules.contactWindowMinutes;
  const who = await subject(svc, scope, input);
  const s = preventionVenueScans;
  const scans = await svc.db
    .select({ venueCode: s.venueCode, venueName: preventionVenues.name, unitId: preventionVenues.unitId, scannedAt: s.scannedAt })
    .from(s)
    .innerJoin(preventionVenues, eq(preventionVenues.code, s.venueCode))
    .where(scopeWhere(scope, preventionVenues, and(eq(s.personHash, who.hash), sql`${s.scannedAt} between ${input.from.toISOString()}::timestamptz and ${input.to.toISOString()}::timestamptz`)))
    .orderBy(s.scannedAt)
    .limit(1000);
  const first = await contactsOf(svc.db, scope, [who.hash], [who.hash], input.from, input.to, minutes);
  const second = input.secondOrder ? await contactsOf(svc.db, scope, first.slice(0, SECOND_ORDER_SEEDS).map((c) => c.person_hash), [who.hash, ...first.map((c) => c.person_hash)], input.from, input.to, minutes) : null;
  const map = await people(svc, svc.db, scope, [who.hash, ...first.map((c) => c.person_hash), ...(second ?? []).map((c) => c.person_hash)], input.reveal);
  const unitId = who.employee?.unitId ?? null;
  const person = map.get(who.hash) ?? { personHash: who.hash, idCardMasked: who.employee?.idCardMasked ?? '—', idCard: input.reveal ? who.id : null, name: null, employeeId: null, enterpriseId: null, unitId: null };
  const units = await touchedUnits(svc.db, scope, [...new Set([unitId, ...scans.map((x) => x.unitId)].filter((x): x is string => Boolean(x)))]);
  const contacts = toContacts(first, map, unitId);
  const secondOrder = second ? toContacts(second, map, unitId) : null;
  await svc.db.transaction(async (tx) => {
    const target = { targetType: 'prevention_person', targetId: who.employee?.id ?? who.hash.slice(0, 32), regionCode: who.employee?.regionCode ?? scope.regionCode };
    await recordAudit(tx, actor, { action: 'prevention.trace', ...target, detail: { idCardMasked: person.idCardMasked, from: input.from.toISOString(), to: input.to.toISOString(), windowMinutes: minutes, secondOrder: input.secondOrder, contacts: contacts.length, secondOrderContacts: secondOrder?.length ?? null } });
    if (input.reveal) await recordAudit(tx, actor, { action: 'prevention.pii.read', ...target, detail: { purpose: 'contact tracing', fields: ['idCard'], people: 1 + contacts.length + (secondOrder?.length ?? 0) } });
  });
  return { person, windowMinutes: minutes, scans, contacts, secondOrder, units };
}

async function touchedUnits(conn: Conn, scope: Scope, ids: string[]): Promise<TouchedUnit[]> {
  if (!ids.length) return [];
  const units = await conn.select().from(preventionUnits).where(scopeWhere(scope, preventionUnits, inArray(preventionUnits.id, ids))).orderBy(preventionUnits.name);
  const members = await conn
    .select({ employeeId: preventionEmployees.id, name: preventionEmployees.name, idCardMasked: preventionEmployees.idCardMasked, post: preventionEmployees.post, unitId: preventionEmployees.unitId })
    .from(preventionEmployees)
    .where(scopeWhere(scope, preventionEmployees, and(inArray(preventionEmployees.unitId, units.map((u) => u.id)), sql`${preventionEmployees.status} <> 'left'`)))
    .orderBy(preventionEmployees.name)
    .limit(5000);
  return units.map((u) => ({ id: u.id, name: u.name, enterpriseId: u.enterpriseId, isolated: u.isolated, members: members.filter((m) => m.unitId === u.id).map(({ unitId: _u, ...m }) => m) }));
}
