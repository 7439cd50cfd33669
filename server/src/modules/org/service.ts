import { containsPattern } from '../../platform/schemas.js';
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Conn, Db } from '../../platform/db/index.js';
import type { AccountDirectory, AccountLabels } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { scopeCoversRegion, scopeWhere, type Scope } from '../../platform/scope.js';
import type { UserRow } from '../../platform/auth/service.js';
import { countUsers } from '../../platform/auth/accounts.js';
import { roles, users } from '../../platform/auth/tables.js';
import { enterprises } from '../whitelist/tables.js';
import { commandMembers, commands, departments, regions, taskForceMembers, taskForces, type RegionLevel } from './tables.js';
import { DEPARTMENT_SECTOR, SECTOR_BOUND_ROLES } from './roles.js';

export type RegionRow = typeof regions.$inferSelect;

/**
 * The region tree changes only when the divisions do, so it is held in memory: scope resolution
 * on every request then costs no query.
 */
export class RegionDirectory {
  private byCode = new Map<string, RegionRow>();
  private children = new Map<string, RegionRow[]>();
  private subtreeCache = new Map<string, string[]>();

  async load(db: Conn): Promise<void> {
    const rows = await db.select().from(regions).orderBy(asc(regions.sort), asc(regions.code));
    this.byCode = new Map(rows.map((r) => [r.code, r]));
    this.children = new Map();
    this.subtreeCache = new Map();
    for (const r of rows) {
      if (!r.parentCode) continue;
      const list = this.children.get(r.parentCode) ?? [];
      list.push(r);
      this.children.set(r.parentCode, list);
    }
  }
  get(code: string): RegionRow | undefined {
    return this.byCode.get(code);
  }
  childrenOf(code: string): RegionRow[] {
    return this.children.get(code) ?? [];
  }
  subtree(code: string): string[] {
    const cached = this.subtreeCache.get(code);
    if (cached) return cached;
    const out: string[] = [];
    const walk = (c: string) => {
      out.push(c);
      for (const ch of this.childrenOf(c)) walk(ch.code);
    };
    if (this.byCode.has(code)) walk(code);
    this.subtreeCache.set(code, out);
    return out;
  }
  size(): number {
    return this.byCode.size;
  }
}

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  kind: 'admin' | 'functional';
  parentCode: string | null;
  children: RegionNode[];
}

export class OrgService implements AccountDirectory {
  constructor(
    private readonly db: Db,
    readonly regionDir: RegionDirectory,
  ) {}

  async resolveScope(user: UserRow): Promise<Scope> {
    if (user.enterpriseId) return { kind: 'enterprise', enterpriseId: user.enterpriseId, regionCode: user.regionCode };
    const region = this.regionDir.get(user.regionCode);
    const regionCodes = !region || region.level === 'province' ? (region ? null : []) : this.regionDir.subtree(region.code);
    return { kind: 'government', regionCode: user.regionCode, regionCodes, sector: await this.sectorOf(user) };
  }

  private async sectorOf(user: UserRow): Promise<string | null> {
    if (!SECTOR_BOUND_ROLES.has(user.role)) return null;
    if (user.taskForceId) {
      const tf = await this.db.select({ sector: taskForces.sector }).from(taskForces).where(eq(taskForces.id, user.taskForceId));
      if (tf[0]?.sector) return tf[0].sector;
    }
    if (user.departmentId) {
      const d = await this.db.select({ kind: departments.kind }).from(departments).where(eq(departments.id, user.departmentId));
      const sector = d[0] ? DEPARTMENT_SECTOR[d[0].kind] : undefined;
      if (sector) return sector;
    }
    return null;
  }

  async labels(user: UserRow): Promise<AccountLabels> {
    const region = this.regionDir.get(user.regionCode);
    const [dep, tf, ent] = await Promise.all([
      user.departmentId ? this.db.select({ name: departments.name }).from(departments).where(eq(departments.id, user.departmentId)) : [],
      user.taskForceId ? this.db.select({ name: taskForces.name }).from(taskForces).where(eq(taskForces.id, user.taskForceId)) : [],
      user.enterpriseId ? this.db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, user.enterpriseId)) : [],
    ]);
    return {
      regionName: region?.name ?? user.regionCode,
      regionLevel: region?.level ?? 'county',
      departmentName: dep[0]?.name ?? null,
      taskForceName: tf[0]?.name ?? null,
      enterpriseName: ent[0]?.name ?? null,
    };
  }

  /** The caller's part of the tree: their own region as the root (an enterprise sees its county). */
  regionTree(scope: Scope): RegionNode[] {
    const build = (r: RegionRow): RegionNode => ({
      code: r.code,
      name: r.name,
      level: r.level,
      kind: r.kind,
      parentCode: r.parentCode,
      children: this.regionDir.childrenOf(r.code).map(build),
    });
    const root = this.regionDir.get(scope.regionCode);
    return root ? [build(root)] : [];
  }

  /** A region the caller names: outside their scope it is "not found", like a missing one. */
  requireRegion(scope: Scope, code: string): RegionRow {
    const r = this.regionDir.get(code);
    if (!r || !scopeCoversRegion(scope, code)) throw errors.notFound('region');
    return r;
  }

  async commandsOf(scope: Scope, regionCode: string) {
    this.requireRegion(scope, regionCode);
    const cmds = await this.db
      .select({ command: commands, officeDepartmentName: departments.name })
      .from(commands)
      .leftJoin(departments, eq(departments.id, commands.officeDepartmentId))
      .where(scopeWhere(scope, commands, eq(commands.regionCode, regionCode)));
    if (cmds.length === 0) return [];
    const ids = cmds.map((c) => c.command.id);
    const [members, tfs] = await Promise.all([
      this.db.select().from(commandMembers).where(inArray(commandMembers.commandId, ids)).orderBy(asc(commandMembers.sort)),
      this.db
        .select({ tf: taskForces, leadDepartmentName: departments.name })
        .from(taskForces)
        .leftJoin(departments, eq(departments.id, taskForces.leadDepartmentId))
        .where(inArray(taskForces.commandId, ids))
        .orderBy(asc(taskForces.sort)),
    ]);
    const tfMembers = tfs.length
      ? await this.db
          .select()
          .from(taskForceMembers)
          .where(inArray(taskForceMembers.taskForceId, tfs.map((t) => t.tf.id)))
          .orderBy(asc(taskForceMembers.sort))
      : [];
    const region = this.regionDir.get(regionCode);
    return cmds.map(({ command, officeDepartmentName }) => ({
      id: command.id,
      regionCode: command.regionCode,
      regionName: region?.name ?? command.regionCode,
      name: command.name,
      officeDepartmentName,
      officeLocation: command.officeLocation,
      members: members.filter((m) => m.commandId === command.id).map(({ position, name, title }) => ({ position, name, title })),
      taskForces: tfs
        .filter((t) => t.tf.commandId === command.id)
        .map(({ tf, leadDepartmentName }) => ({
          id: tf.id,
          kind: tf.kind,
          name: tf.name,
          sector: tf.sector,
          leadDepartmentName,
          officeLocation: tf.officeLocation,
          responsibilities: tf.responsibilities,
          members: tfMembers.filter((m) => m.taskForceId === tf.id).map(({ position, name, title }) => ({ position, name, title })),
        })),
    }));
  }

  async departmentsOf(scope: Scope, regionCode: string) {
    this.requireRegion(scope, regionCode);
    return this.db
      .select({ id: departments.id, regionCode: departments.regionCode, kind: departments.kind, name: departments.name })
      .from(departments)
      .where(scopeWhere(scope, departments, eq(departments.regionCode, regionCode)))
      .orderBy(asc(departments.key));
  }

  async enterprisesPage(scope: Scope, f: { q?: string | undefined; regionCode?: string | undefined; page: number; pageSize: number }) {
    const conds = [];
    if (f.regionCode) conds.push(inArray(enterprises.regionCode, this.regionDir.subtree(this.requireRegion(scope, f.regionCode).code)));
    if (f.q) conds.push(or(ilike(enterprises.name, containsPattern(f.q)), ilike(enterprises.uscc, containsPattern(f.q))));
    const where = scopeWhere(scope, enterprises, and(...conds));
    const [items, total] = await Promise.all([
      this.db
        .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, sector: enterprises.sector, regionCode: enterprises.regionCode })
        .from(enterprises)
        .where(where)
        .orderBy(asc(enterprises.name))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      this.db.select({ n: count() }).from(enterprises).where(where),
    ]);
    return {
      items: items.map((e) => ({ ...e, regionName: this.regionDir.get(e.regionCode)?.name ?? e.regionCode })),
      total: total[0]?.n ?? 0,
    };
  }

  async summary(scope: Scope) {
    const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
    const regionCount = scope.kind === 'enterprise' ? 1 : scope.regionCodes === null ? this.regionDir.size() : scope.regionCodes.length;
    const [cmd, tf, dep, usr, ent] = await Promise.all([
      n(this.db.select({ n: count() }).from(commands).where(scopeWhere(scope, commands))),
      n(this.db.select({ n: count() }).from(taskForces).where(scopeWhere(scope, taskForces))),
      n(this.db.select({ n: count() }).from(departments).where(scopeWhere(scope, departments))),
      countUsers(this.db, scope),
      n(this.db.select({ n: count() }).from(enterprises).where(scopeWhere(scope, enterprises))),
    ]);
    return { regions: regionCount, commands: cmd, taskForces: tf, departments: dep, users: usr, enterprises: ent };
  }

  /** Names for a page of user rows, fetched in three queries rather than three per row. */
  async labelUsers(rows: UserRow[]) {
    const ids = (pick: (u: UserRow) => string | null) => [...new Set(rows.map(pick).filter((x): x is string => x !== null))];
    const depIds = ids((u) => u.departmentId);
    const tfIds = ids((u) => u.taskForceId);
    const entIds = ids((u) => u.enterpriseId);
    const [deps, tfs, ents] = await Promise.all([
      depIds.length ? this.db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, depIds)) : [],
      tfIds.length ? this.db.select({ id: taskForces.id, name: taskForces.name }).from(taskForces).where(inArray(taskForces.id, tfIds)) : [],
      entIds.length ? this.db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(inArray(enterprises.id, entIds)) : [],
    ]);
    const m = (list: { id: string; name: string }[]) => new Map(list.map((x) => [x.id, x.name]));
    return { departments: m(deps), taskForces: m(tfs), enterprises: m(ents) };
  }

  async departmentInRegion(id: string, regionCode: string): Promise<boolean> {
    const r = await this.db.select({ id: departments.id }).from(departments).where(and(eq(departments.id, id), eq(departments.regionCode, regionCode)));
    return r.length > 0;
  }
  async taskForceInRegion(id: string, regionCode: string): Promise<boolean> {
    const r = await this.db.select({ id: taskForces.id }).from(taskForces).where(and(eq(taskForces.id, id), eq(taskForces.regionCode, regionCode)));
    return r.length > 0;
  }
  async enterpriseInScope(scope: Scope, id: string): Promise<{ regionCode: string } | null> {
    const r = await this.db.select({ regionCode: enterprises.regionCode }).from(enterprises).where(scopeWhere(scope, enterprises, eq(enterprises.id, id)));
    return r[0] ?? null;
  }

  /**
   * Recipients for notifications: the active accounts matching every criterion given. A region
   * matches exactly unless includeSubRegions (then its whole subtree); a permission matches the
   * accounts whose role currently grants it.
   */
  async userIdsFor(q: {
    regionCode?: string;
    includeSubRegions?: boolean;
    roleCodes?: string[];
    enterpriseId?: string;
    departmentId?: string;
    permission?: string;
  }): Promise<string[]> {
    const conds: (SQL | undefined)[] = [eq(users.disabled, false)];
    if (q.regionCode !== undefined) {
      conds.push(q.includeSubRegions ? inArray(users.regionCode, this.regionDir.subtree(q.regionCode).concat(q.regionCode)) : eq(users.regionCode, q.regionCode));
    }
    if (q.roleCodes !== undefined) {
      if (q.roleCodes.length === 0) return [];
      conds.push(inArray(users.role, q.roleCodes));
    }
    if (q.enterpriseId !== undefined) conds.push(eq(users.enterpriseId, q.enterpriseId));
    if (q.departmentId !== undefined) conds.push(eq(users.departmentId, q.departmentId));
    if (q.permission !== undefined) conds.push(sql`${roles.permissions} @> ${JSON.stringify([q.permission])}::jsonb`);
    const rows = await this.db
      .select({ id: users.id })
      .from(users)
      .innerJoin(roles, eq(roles.code, users.role))
      .where(and(...conds))
      .orderBy(asc(users.username));
    return rows.map((r) => r.id);
  }

  /**
   * userIdsFor over many enterprises or many regions in one query: each value's recipients, in
   * userIdsFor's order. A sweep notifies thousands of enterprises; one query each was most of its time.
   */
  async userIdsForMany(by: 'enterpriseId' | 'regionCode', values: readonly string[], q: { roleCodes?: string[]; permission?: string } = {}): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const distinct = [...new Set(values)];
    if (!distinct.length || (q.roleCodes && !q.roleCodes.length)) return out;
    const col = by === 'enterpriseId' ? users.enterpriseId : users.regionCode;
    // In slices, each well under the protocol's 65,535 parameters (a province has tens of thousands of enterprises).
    for (let i = 0; i < distinct.length; i += 10_000) {
      const conds: (SQL | undefined)[] = [eq(users.disabled, false), inArray(col, distinct.slice(i, i + 10_000))];
      if (q.roleCodes) conds.push(inArray(users.role, q.roleCodes));
      if (q.permission !== undefined) conds.push(sql`${roles.permissions} @> ${JSON.stringify([q.permission])}::jsonb`);
      const rows = await this.db
        .select({ key: col, id: users.id })
        .from(users)
        .innerJoin(roles, eq(roles.code, users.role))
        .where(and(...conds))
        .orderBy(asc(users.username));
      for (const r of rows) {
        if (r.key === null) continue;
        const ids = out.get(r.key);
        if (ids) ids.push(r.id);
        else out.set(r.key, [r.id]);
      }
    }
    return out;
  }
}
