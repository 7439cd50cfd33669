/** Types of the sibao HTTP API (see the API contract). Times are UTC ISO strings. */

/** Identifiers may be numeric or textual depending on the table; the UI never does arithmetic on them. */
export type Id = string | number;

export type RegionLevel = 'province' | 'city' | 'county';

export interface Me {
  id: Id;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  regionCode: string;
  regionName: string;
  regionLevel: RegionLevel;
  departmentId: Id | null;
  departmentName: string | null;
  taskForceId: Id | null;
  taskForceName: string | null;
  enterpriseId: Id | null;
  enterpriseName: string | null;
  permissions: string[];
  mustChangePassword: boolean;
  mustEnrollTotp: boolean;
  totpEnabled: boolean;
}

export interface LoginResponse {
  user: Me;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface OrgSummary {
  regions: number;
  commands: number;
  taskForces: number;
  departments: number;
  users: number;
  enterprises: number;
}

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  kind: 'admin' | 'functional';
  parentCode: string | null;
  children: RegionNode[];
}

export type CommandPosition = 'commander' | 'first_deputy' | 'deputy' | 'member';
export type TaskForcePosition = 'leader' | 'deputy' | 'office_director' | 'liaison_officer';

export interface OrgMember<P extends string> {
  position: P;
  name: string;
  title: string;
}

export interface TaskForce {
  id: Id;
  kind: string;
  name: string;
  leadDepartmentName: string;
  officeLocation: string;
  responsibilities: string;
  members: OrgMember<TaskForcePosition>[];
}

export interface Command {
  id: Id;
  regionCode: string;
  regionName: string;
  name: string;
  officeDepartmentName: string;
  officeLocation: string;
  members: OrgMember<CommandPosition>[];
  taskForces: TaskForce[];
}

export interface Department {
  id: Id;
  regionCode: string;
  kind: string;
  name: string;
}

export interface Enterprise {
  id: Id;
  name: string;
  uscc: string;
  sector: string;
  regionCode: string;
  regionName: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A page whose total the server stops counting at 10,000: `total` is exact unless `totalCapped`. */
export interface CappedPage<T> extends Page<T> {
  totalCapped: boolean;
}

export type UserStatus = 'enabled' | 'disabled' | 'locked';

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  regionCode: string;
  regionName: string;
  departmentId: Id | null;
  departmentName: string | null;
  taskForceId: Id | null;
  taskForceName: string | null;
  enterpriseId: Id | null;
  enterpriseName: string | null;
  phoneMasked: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  totpEnabled: boolean;
  createdAt: string;
}

export interface UserFilters {
  q?: string;
  regionCode?: string;
  role?: string;
  status?: UserStatus;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  departmentId?: Id;
  taskForceId?: Id;
  enterpriseId?: Id;
  phone?: string;
  password: string;
}

export interface UpdateUserBody {
  displayName?: string;
  role?: string;
  departmentId?: Id | null;
  taskForceId?: Id | null;
  disabled?: boolean;
}

export interface Role {
  code: string;
  name: string;
  permissions: string[];
  builtIn: boolean;
}

export interface Permission {
  code: string;
  name: string;
}

export interface SecuritySettings {
  totpForGovernment: boolean;
  idleTimeoutMinutes: number;
  absoluteLifetimeHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  passwordMinLength: number;
}

export interface AuditEvent {
  id: Id;
  at: string;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: Id | null;
  detail: Record<string, unknown> | null;
}

export interface AuditFilters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  targetType?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: null | { id: Id; at: string; reason: string };
}
