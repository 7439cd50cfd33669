import crypto from 'node:crypto';
import QRCode from 'qrcode';
import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { CJK_FONT, CJK_FONT_BOLD, createPdf, pdfToBuffer } from '../../platform/pdf.js';
import { containsPattern } from '../../platform/schemas.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import type { PreventionService } from './service.js';
import { preventionUnits } from './tables.js';
import { preventionVenues, type VenueKind } from './tracing.tables.js';

export type VenueRow = typeof preventionVenues.$inferSelect;
export interface VenueInput { enterpriseId?: string | undefined; parentId?: string | null | undefined; name: string; kind: VenueKind; unitId?: string | null | undefined }

/** Crockford base32 without I, L, O, U: a code read aloud or typed from a sticker is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newVenueCode(): string {
  const bytes = crypto.randomBytes(10);
  return `CS${[...bytes].map((b) => ALPHABET[b % 32]).join('')}`;
}

export async function venue(conn: Conn, scope: Scope, id: string): Promise<VenueRow> {
  const row = (await conn.select().from(preventionVenues).where(scopeWhere(scope, preventionVenues, eq(preventionVenues.id, id))))[0];
  if (!row) throw errors.notFound('venue');
  return row;
}

export async function listVenues(conn: Conn, scope: Scope, f: { enterpriseId?: string | undefined; kind?: VenueKind | undefined; q?: string | undefined }): Promise<VenueRow[]> {
  const v = preventionVenues;
  const conds: (SQL | undefined)[] = [f.enterpriseId ? eq(v.enterpriseId, f.enterpriseId) : undefined, f.kind ? eq(v.kind, f.kind) : undefined];
  if (f.q) conds.push(or(ilike(v.name, containsPattern(f.q)), ilike(v.code, containsPattern(f.q))));
  return conn.select().from(v).where(scopeWhere(scope, v, and(...conds))).orderBy(asc(v.enterpriseId), asc(v.name)).limit(5000);
}

/** The parent must be a venue of the same enterprise, and (on a move) not the venue itself or below it. */
async function checkParent(conn: Conn, enterpriseId: string, parentId: string | null, self: string | null): Promise<void> {
  let cur: string | null = parentId;
  for (let depth = 0; cur; depth++) {
    if (cur === self || depth > 20) throw errors.validation('body.parentId', 'a venue cannot be placed under itself');
    const p: { parentId: string | null } | undefined = (await conn.select({ parentId: preventionVenues.parentId }).from(preventionVenues).where(and(eq(preventionVenues.id, cur), eq(preventionVenues.enterpriseId, enterpriseId))))[0];
    if (!p) throw errors.validation('body.parentId', 'not a venue of this enterprise');
    cur = p.parentId;
  }
}

async function checkUnit(conn: Conn, enterpriseId: string, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const u = (await conn.select({ id: preventionUnits.id }).from(preventionUnits).where(and(eq(preventionUnits.id, unitId), eq(preventionUnits.enterpriseId, enterpriseId))))[0];
  if (!u) throw errors.validation('body.unitId', 'not a closed-loop unit of this enterprise');
}

export async function createVenue(svc: PreventionService, scope: Scope, actor: AuditActor, input: VenueInput): Promise<VenueRow> {
  return svc.db.transaction(async (tx) => {
    const ent = await svc.targetEnterprise(tx, scope, input.enterpriseId);
    await checkParent(tx, ent.id, input.parentId ?? null, null);
    await checkUnit(tx, ent.id, input.unitId);
    const [row] = await tx
      .insert(preventionVenues)
      .values({ code: newVenueCode(), enterpriseId: ent.id, regionCode: ent.regionCode, parentId: input.parentId ?? null, name: input.name, kind: input.kind, unitId: input.unitId ?? null })
      .onConflictDoNothing()
      .returning();
    // The same name under the same parent twice is one venue: the second is a conflict, not a copy.
    if (!row) throw errors.conflict('body.name');
    await recordAudit(tx, actor, { action: 'prevention.venue.create', targetType: 'prevention_venue', targetId: row.id, regionCode: row.regionCode, detail: { enterpriseId: ent.id, name: row.name, code: row.code } });
    return row;
  });
}

export async function updateVenue(svc: PreventionService, scope: Scope, actor: AuditActor, id: string, patch: Partial<Omit<VenueInput, 'enterpriseId'>>): Promise<VenueRow> {
  return svc.db.transaction(async (tx) => {
    const cur = await venue(tx, scope, id);
    if (patch.parentId !== undefined) await checkParent(tx, cur.enterpriseId, patch.parentId, cur.id);
    if (patch.unitId !== undefined) await checkUnit(tx, cur.enterpriseId, patch.unitId);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
      ...(patch.unitId !== undefined ? { unitId: patch.unitId } : {}),
    };
    // The unique index treats names per parent; checked first so a clash is a 409 naming the field.
    if ((patch.name !== undefined || patch.parentId !== undefined) && (await sameParentClash(tx, cur, patch))) throw errors.conflict('body.name');
    const [row] = await tx.update(preventionVenues).set({ ...set, updatedAt: new Date() }).where(eq(preventionVenues.id, cur.id)).returning();
    await recordAudit(tx, actor, { action: 'prevention.venue.update', targetType: 'prevention_venue', targetId: cur.id, regionCode: cur.regionCode, detail: { fields: Object.keys(set) } });
    return row!;
  });
}

async function sameParentClash(conn: Conn, cur: VenueRow, patch: Partial<Omit<VenueInput, 'enterpriseId'>>): Promise<boolean> {
  const parent = patch.parentId !== undefined ? patch.parentId : cur.parentId;
  const rows = await conn.select({ id: preventionVenues.id, parentId: preventionVenues.parentId }).from(preventionVenues).where(and(eq(preventionVenues.enterpriseId, cur.enterpriseId), eq(preventionVenues.name, patch.name ?? cur.name)));
  return rows.some((r) => r.id !== cur.id && (r.parentId ?? null) === (parent ?? null));
}

const KIND_ZH: Record<VenueKind, string> = { building: '楼栋', floor: '楼层', workshop: '车间', area: '区域', door: '门岗' };

/**
 * A printable sheet of venue codes: 2 × 3 per A4 page, each with the enterprise, the venue's name and
 * kind, the QR code (drawn as vector squares, so it prints sharp at any size) and the code in text.
 */
export async function venueSheet(svc: PreventionService, scope: Scope, ids: string[]): Promise<Buffer> {
  const rows = await svc.db.select().from(preventionVenues).where(scopeWhere(scope, preventionVenues, inArray(preventionVenues.id, ids))).orderBy(asc(preventionVenues.name));
  if (rows.length !== new Set(ids).size) throw errors.notFound('venue');
  const names = await svc.enterprises.names(svc.db, [...new Set(rows.map((r) => r.enterpriseId))]);
  const doc = createPdf({ margin: 36 });
  const [cols, perPage] = [2, 6];
  const cellW = (doc.page.width - 72) / cols;
  const cellH = (doc.page.height - 72) / 3;
  rows.forEach((v, i) => {
    if (i > 0 && i % perPage === 0) doc.addPage();
    const x = 36 + (i % cols) * cellW;
    const y = 36 + Math.floor((i % perPage) / cols) * cellH;
    doc.save().lineWidth(0.5).dash(4, { space: 4 }).strokeColor('#999999').rect(x + 4, y + 4, cellW - 8, cellH - 8).stroke().restore();
    doc.font(CJK_FONT).fontSize(9).fillColor('#555555').text(names.get(v.enterpriseId) ?? '', x + 12, y + 12, { width: cellW - 24, align: 'center', lineBreak: false, ellipsis: true });
    doc.font(CJK_FONT_BOLD).fontSize(13).fillColor('#000000').text(`${v.name}（${KIND_ZH[v.kind]}）`, x + 12, y + 26, { width: cellW - 24, align: 'center', lineBreak: false, ellipsis: true });
    const qr = QRCode.create(v.code, { errorCorrectionLevel: 'M' });
    const size = Math.min(cellW, cellH) - 90;
    const mod = size / qr.modules.size;
    const qx = x + (cellW - size) / 2;
    const qy = y + 48;
    for (let r = 0; r < qr.modules.size; r++) {
      for (let c = 0; c < qr.modules.size; c++) if (qr.modules.get(r, c)) doc.rect(qx + c * mod, qy + r * mod, mod + 0.05, mod + 0.05);
    }
    doc.fill('#000000');
    doc.font(CJK_FONT).fontSize(10).text(`场所码 ${v.code}`, x + 12, qy + size + 6, { width: cellW - 24, align: 'center', lineBreak: false });
  });
  if (!rows.length) doc.fontSize(12).text('—');
  return pdfToBuffer(doc);
}
