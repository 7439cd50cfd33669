import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { roles, users } from '../../platform/auth/tables.js';
import { commands, departments, regions, taskForces } from './tables.js';

/** A unit that can answer for work: a department, a task force or a command. */
export interface OrgUnit {
  type: 'department' | 'task_force' | 'command';
  id: string;
  label: string;
  regionCode: string;
}
export interface OrgCommand {
  id: string;
  name: string;
  regionCode: string;
}

/**
 * The organisation's units as other modules need them: whom a command may assign work to, who
 * the users of a unit are (to notify them), and which units an account belongs to.
 */
export class OrgUnits {
  constructor(private readonly db: Db) {}

  async commandOfRegion(regionCode: string): Promise<OrgCommand | null> {
    const r = await this.db.select({ id: commands.id, name: commands.name, regionCode: commands.regionCode }).from(commands).where(eq(commands.regionCode, regionCode)).limit(1);
    return r[0] ?? null;
  }

  async allCommands(): Promise<OrgCommand[]> {
    return this.db.select({ id: commands.id, name: commands.name, regionCode: commands.regionCode }).from(commands).orderBy(asc(commands.regionCode));
  }

  /** What the command of a region may assign to: its departments, its task forces, the commands one level down. */
  async assignableUnits(regionCode: string): Promise<OrgUnit[]> {
    const cmd = await this.commandOfRegion(regionCode);
    const [deps, tfs, lower] = await Promise.all([
      this.db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.regionCode, regionCode)).orderBy(asc(departments.key)),
      cmd ? this.db.select({ id: taskForces.id, name: taskForces.name }).from(taskForces).where(eq(taskForces.commandId, cmd.id)).orderBy(asc(taskForces.sort)) : [],
      this.db
        .select({ id: commands.id, name: commands.name, regionCode: commands.regionCode })
        .from(commands)
        .innerJoin(regions, eq(regions.code, commands.regionCode))
        .where(eq(regions.parentCode, regionCode))
        .orderBy(asc(commands.regionCode)),
    ]);
    const regionName = (await this.db.select({ name: regions.name }).from(regions).where(eq(regions.code, regionCode)))[0]?.name ?? '';
    return [
      ...deps.map((d) => ({ type: 'department' as const, id: d.id, label: d.name, regionCode })),
      ...tfs.map((t) => ({ type: 'task_force' as const, id: t.id, label: `${regionName}${t.name}`, regionCode })),
      ...lower.map((c) => ({ type: 'command' as const, id: c.id, label: c.name, regionCode: c.regionCode })),
    ];
  }

  async unit(type: OrgUnit['type'], id: string): Promise<OrgUnit | null> {
    switch (type) {
      case 'department': {
        const r = await this.db.select({ id: departments.id, label: departments.name, regionCode: departments.regionCode }).from(departments).where(eq(departments.id, id));
        return r[0] ? { type, ...r[0] } : null;
      }
      case 'task_force': {
        const r = await this.db
          .select({ id: taskForces.id, name: taskForces.name, regionCode: taskForces.regionCode, regionName: regions.name })
          .from(taskForces)
          .innerJoin(regions, eq(regions.code, taskForces.regionCode))
          .where(eq(taskForces.id, id));
        return r[0] ? { type, id: r[0].id, label: `${r[0].regionName}${r[0].name}`, regionCode: r[0].regionCode } : null;
      }
      case 'command': {
        const r = await this.db.select({ id: commands.id, label: commands.name, regionCode: commands.regionCode }).from(commands).where(eq(commands.id, id));
        return r[0] ? { type, ...r[0] } : null;
      }
    }
  }

  /**
   * The units an account answers for: its department, its task force, and the command of its
   * region when its role holds `commandPermission` (the command's dispatchers).
   */
  async unitsOfAccount(user: { regionCode: string; departmentId: string | null; taskForceId: string | null }, rolePermissions: readonly string[], commandPermission: string): Promise<{ type: OrgUnit['type']; id: string }[]> {
    const out: { type: OrgUnit['type']; id: string }[] = [];
    if (user.departmentId) out.push({ type: 'department', id: user.departmentId });
    if (user.taskForceId) out.push({ type: 'task_force', id: user.taskForceId });
    if (rolePermissions.includes(commandPermission)) {
      const cmd = await this.commandOfRegion(user.regionCode);
      if (cmd) out.push({ type: 'command', id: cmd.id });
    }
    return out;
  }

  /** Active users of a unit (a command's: the accounts of its region holding `commandPermission`). */
  async userIdsOfUnit(unit: { type: OrgUnit['type']; id: string }, commandPermission: string): Promise<string[]> {
    const active = eq(users.disabled, false);
    switch (unit.type) {
      case 'department':
        return (await this.db.select({ id: users.id }).from(users).where(and(active, eq(users.departmentId, unit.id)))).map((r) => r.id);
      case 'task_force':
        return (await this.db.select({ id: users.id }).from(users).where(and(active, eq(users.taskForceId, unit.id)))).map((r) => r.id);
      case 'command': {
        const cmd = (await this.db.select({ regionCode: commands.regionCode }).from(commands).where(eq(commands.id, unit.id)))[0];
        return cmd ? this.userIdsWithPermission([cmd.regionCode], commandPermission) : [];
      }
    }
  }

  /** Active users of the given regions whose role holds a permission (e.g. the supervisors of a city). */
  async userIdsWithPermission(regionCodes: string[], permission: string): Promise<string[]> {
    if (regionCodes.length === 0) return [];
    const rows = await this.db
      .select({ id: users.id })
      .from(users)
      .innerJoin(roles, eq(roles.code, users.role))
      .where(and(eq(users.disabled, false), inArray(users.regionCode, regionCodes), sql`${roles.permissions} @> ${JSON.stringify([permission])}::jsonb`));
    return rows.map((r) => r.id);
  }
}
