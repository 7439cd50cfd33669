// Every table, gathered for Drizzle (queries and drizzle-kit). Modules own their tables;
// this file only lists them.
export * from './platform/auth/tables.js';
export * from './platform/audit/tables.js';
export * from './platform/jobs/tables.js';
export * from './platform/notifications/tables.js';
export * from './platform/files/tables.js';
export * from './modules/org/tables.js';
export * from './modules/whitelist/tables.js';
export * from './modules/policies/tables.js';
export * from './modules/tasks/tables.js';
export * from './modules/demands/tables.js';
export * from './modules/prevention/tables.js';
export * from './modules/prevention/reports.tables.js';
export * from './modules/prevention/care.tables.js';
export * from './modules/prevention/tracing.tables.js';
