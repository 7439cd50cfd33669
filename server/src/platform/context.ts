import type { Config } from '../config.js';
import type { FieldCrypto } from './crypto.js';
import type { Db } from './db/index.js';
import type { Scope } from './scope.js';
import type { UserRow } from './auth/service.js';

/** Names the org module gives an account's references, for display. */
export interface AccountLabels {
  regionName: string;
  regionLevel: 'province' | 'city' | 'county';
  departmentName: string | null;
  taskForceName: string | null;
  enterpriseName: string | null;
}

/** What the org module tells the plumbing about an account: its scope and its labels. */
export interface AccountDirectory {
  resolveScope(user: UserRow): Promise<Scope>;
  labels(user: UserRow): Promise<AccountLabels>;
}

export interface PermissionDef {
  code: string;
  zh: string;
  en: string;
}

/** Every permission a route may name; a route naming an unknown one stops the server at start. */
export class PermissionRegistry {
  private readonly defs = new Map<string, PermissionDef>();
  define(defs: readonly PermissionDef[]): void {
    for (const d of defs) this.defs.set(d.code, d);
  }
  has(code: string): boolean {
    return this.defs.has(code);
  }
  list(): PermissionDef[] {
    return [...this.defs.values()];
  }
}

export interface AppContext {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  crypto: FieldCrypto;
  config: Config;
  accounts: AccountDirectory;
  permissions: PermissionRegistry;
}
