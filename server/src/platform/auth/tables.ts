import { boolean, integer, jsonb, pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { registerScopedTable } from '../scope.js';

/**
 * Accounts live in the plumbing because every module authenticates through them;
 * region, department, task force and enterprise are plain references so the plumbing
 * stays ignorant of the modules that own those records.
 */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    role: text().notNull(),
    regionCode: text().notNull(),
    departmentId: uuid(),
    taskForceId: uuid(),
    enterpriseId: uuid(),
    phoneEnc: text(),
    phoneHash: text(),
    disabled: boolean().notNull().default(false),
    mustChangePassword: boolean().notNull().default(true),
    totpSecretEnc: text(),
    totpEnabled: boolean().notNull().default(false),
    /** The last TOTP time step accepted: a code is good for one sign-in only. */
    totpLastStep: integer(),
    failedLogins: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode), index().on(t.enterpriseId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SM3 of the cookie token: a stolen database copy yields no usable cookie. */
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId)],
);

export const roles = pgTable('roles', {
  code: text().primaryKey(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  permissions: jsonb().$type<string[]>().notNull(),
  /** Administrators must use a second factor regardless of the security setting. */
  isAdmin: boolean().notNull().default(false),
  builtIn: boolean().notNull().default(true),
});

/** Single-row table (id = 1) edited by the security administrator. */
export const securitySettings = pgTable('security_settings', {
  id: integer().primaryKey(),
  totpForGovernment: boolean().notNull().default(false),
  idleTimeoutMinutes: integer().notNull().default(30),
  absoluteLifetimeHours: integer().notNull().default(12),
  lockoutThreshold: integer().notNull().default(5),
  lockoutMinutes: integer().notNull().default(30),
  passwordMinLength: integer().notNull().default(8),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

registerScopedTable(users, { regionCode: users.regionCode, enterpriseId: users.enterpriseId });
