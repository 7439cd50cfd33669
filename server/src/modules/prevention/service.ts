import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import { maskIdCard, maskPhone, type FieldCrypto } from '../../platform/crypto.js';
import { errors } from '../../platform/errors.js';
import { scopeWhere, type Scope } from '../../platform/scope.js';
import { isValidIdCard } from '../../seed/idcard.js';
import { preventionEmployees, preventionUnits, type EmployeeStatus, type PostKind, type UnitKind } from './tables.js';

export type EmployeeRow = typeof preventionEmployees.$inferSelect;
export type UnitRow = typeof preventionUnits.$inferSelect;

/** What the module needs of the enterprise register (the whitelist module's service, wired in app.ts). */
export interface EnterpriseDirectory {
  /** The enterprise if the caller may see it; 404 otherwise. */
  find(conn: Conn, scope: Scope, id: string): Promise<{ id: string; name: string; regionCode: string }>;
  names(conn: Conn, ids: string[]): Promise<Map<string, string>>;
}

export interface RegionNames {
  name(code: string): string;
  subtree(code: string): string[];
}

export interface EmployeeInput {
  name: string;
  idCard: string;
  phone?: string | null | undefined;
  post: string;
  postKind: PostKind;
  unitId?: string | null | undefined;
  dormitory?: string | null | undefined;
  status?: EmployeeStatus | undefined;
}

/** Upper-cases the check character so one person has one hash (x and X). */
export function normaliseIdCard(raw: string): string {
  return raw.trim().toUpperCase();
}

export class PreventionService {
  constructor(
    readonly db: Db,
    readonly dbKind: 'pglite' | 'postgres',
    readonly crypto: FieldCrypto,
    readonly enterprises: EnterpriseDirectory,
    readonly regions: RegionNames,
  ) {}

  /** The enterprise a roster write addresses: an enterprise user's own, or one a government caller may see. */
  async targetEnterprise(conn: Conn, scope: Scope, enterpriseId: string | undefined): Promise<{ id: string; name: string; regionCode: string }> {
    if (scope.kind === 'enterprise') {
      if (enterpriseId && enterpriseId !== scope.enterpriseId) throw errors.notFound('enterprise');
      return this.enterprises.find(conn, scope, scope.enterpriseId);
    }
    if (!enterpriseId) throw errors.validation('body.enterpriseId', 'required for government callers');
    return this.enterprises.find(conn, scope, enterpriseId);
  }

  async unit(conn: Conn, scope: Scope, id: string): Promise<UnitRow> {
    const row = (await conn.select().from(preventionUnits).where(scopeWhere(scope, preventionUnits, eq(preventionUnits.id, id))))[0];
    if (!row) throw errors.notFound('loop_unit');
    return row;
  }

  async employee(conn: Conn, scope: Scope, id: string): Promise<EmployeeRow> {
    const row = (await conn.select().from(preventionEmployees).where(scopeWhere(scope, preventionEmployees, eq(preventionEmployees.id, id))))[0];
    if (!row) throw errors.notFound('employee');
    return row;
  }

  async units(conn: Conn, scope: Scope, extra?: SQL): Promise<UnitRow[]> {
    return conn.select().from(preventionUnits).where(scopeWhere(scope, preventionUnits, extra)).orderBy(preventionUnits.name);
  }

  async createUnit(scope: Scope, actor: AuditActor, body: { enterpriseId?: string | undefined; name: string; kind: UnitKind }): Promise<UnitRow> {
    return this.db.transaction(async (tx) => {
      const ent = await this.targetEnterprise(tx, scope, body.enterpriseId);
      const [row] = await tx.insert(preventionUnits).values({ enterpriseId: ent.id, regionCode: ent.regionCode, name: body.name, kind: body.kind }).onConflictDoNothing().returning();
      if (!row) throw errors.conflict('body.name');
      await recordAudit(tx, actor, { action: 'prevention.unit.create', targetType: 'prevention_unit', targetId: row.id, regionCode: ent.regionCode, detail: { enterpriseId: ent.id, name: row.name } });
      return row;
    });
  }

  /** Validates one roster entry; the reason names the field. */
  checkEmployee(input: EmployeeInput): { field: string; reason: string } | null {
    const id = normaliseIdCard(input.idCard);
    if (!isValidIdCard(id)) return { field: 'idCard', reason: '身份证号码无效（GB 11643 校验位） invalid ID number' };
    if (input.phone && !/^1\d{10}$/.test(input.phone)) return { field: 'phone', reason: '手机号无效 invalid mobile number' };
    if (!input.name.trim()) return { field: 'name', reason: '姓名为空 name missing' };
    if (!input.post.trim()) return { field: 'post', reason: '岗位为空 post missing' };
    return null;
  }

  /** The stored form: encrypted, hashed for lookups, masked for lists. */
  employeeValues(ent: { id: string; regionCode: string }, input: EmployeeInput): typeof preventionEmployees.$inferInsert {
    const id = normaliseIdCard(input.idCard);
    const phone = input.phone?.trim() || null;
    return {
      enterpriseId: ent.id,
      regionCode: ent.regionCode,
      name: input.name.trim(),
      idCardEnc: this.crypto.encrypt(id),
      idCardHash: this.crypto.lookupHash(id),
      idCardMasked: maskIdCard(id),
      phoneEnc: phone ? this.crypto.encrypt(phone) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
      post: input.post.trim(),
      postKind: input.postKind,
      unitId: input.unitId ?? null,
      dormitory: input.dormitory?.trim() || null,
      status: input.status ?? 'active',
    };
  }

  async createEmployee(scope: Scope, actor: AuditActor, enterpriseId: string | undefined, input: EmployeeInput): Promise<EmployeeRow> {
    const bad = this.checkEmployee(input);
    if (bad) throw errors.validation(`body.${bad.field}`, bad.reason);
    return this.db.transaction(async (tx) => {
      const ent = await this.targetEnterprise(tx, scope, enterpriseId);
      if (input.unitId) await this.unitOf(tx, ent.id, input.unitId);
      const values = this.employeeValues(ent, input);
      const [row] = await tx.insert(preventionEmployees).values(values).onConflictDoNothing().returning();
      if (!row) throw errors.conflict('body.idCard');
      await recordAudit(tx, actor, { action: 'prevention.employee.create', targetType: 'prevention_employee', targetId: row.id, regionCode: ent.regionCode, detail: { enterpriseId: ent.id } });
      return row;
    });
  }

  async updateEmployee(scope: Scope, actor: AuditActor, id: string, patch: Partial<Pick<EmployeeInput, 'post' | 'postKind' | 'unitId' | 'dormitory' | 'status' | 'phone'>>): Promise<EmployeeRow> {
    return this.db.transaction(async (tx) => {
      const cur = await this.employee(tx, scope, id);
      if (patch.unitId) await this.unitOf(tx, cur.enterpriseId, patch.unitId);
      const phone = patch.phone === undefined ? undefined : patch.phone?.trim() || null;
      if (phone && !/^1\d{10}$/.test(phone)) throw errors.validation('body.phone', '手机号无效 invalid mobile number');
      const [row] = await tx
        .update(preventionEmployees)
        .set({
          ...(patch.post !== undefined ? { post: patch.post } : {}),
          ...(patch.postKind !== undefined ? { postKind: patch.postKind } : {}),
          ...(patch.unitId !== undefined ? { unitId: patch.unitId } : {}),
          ...(patch.dormitory !== undefined ? { dormitory: patch.dormitory } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(phone !== undefined ? { phoneEnc: phone ? this.crypto.encrypt(phone) : null, phoneMasked: phone ? maskPhone(phone) : null } : {}),
          updatedAt: new Date(),
        })
        .where(eq(preventionEmployees.id, cur.id))
        .returning();
      const changed = Object.keys(patch).filter((k) => k !== 'phone');
      await recordAudit(tx, actor, { action: 'prevention.employee.update', targetType: 'prevention_employee', targetId: cur.id, regionCode: cur.regionCode, detail: { fields: phone !== undefined ? [...changed, 'phone'] : changed } });
      return row!;
    });
  }

  /** The clear ID number and phone: each read is an audit event in the same transaction. */
  async reveal(scope: Scope, actor: AuditActor, id: string, purpose: string): Promise<{ idCard: string; phone: string | null }> {
    return this.db.transaction(async (tx) => {
      const e = await this.employee(tx, scope, id);
      await recordAudit(tx, actor, { action: 'prevention.pii.read', targetType: 'prevention_employee', targetId: e.id, regionCode: e.regionCode, detail: { purpose, fields: ['idCard', 'phone'] } });
      return { idCard: this.crypto.decrypt(e.idCardEnc), phone: e.phoneEnc ? this.crypto.decrypt(e.phoneEnc) : null };
    });
  }

  private async unitOf(conn: Conn, enterpriseId: string, unitId: string): Promise<UnitRow> {
    const row = (await conn.select().from(preventionUnits).where(and(eq(preventionUnits.id, unitId), eq(preventionUnits.enterpriseId, enterpriseId))))[0];
    if (!row) throw errors.validation('body.unitId', 'not a closed-loop unit of this enterprise');
    return row;
  }

  async unitNames(conn: Conn, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await conn.select({ id: preventionUnits.id, name: preventionUnits.name }).from(preventionUnits).where(inArray(preventionUnits.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
