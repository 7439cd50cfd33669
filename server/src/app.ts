import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.js';
import type { Database } from './platform/db/index.js';
import type { FieldCrypto } from './platform/crypto.js';
import { PermissionRegistry } from './platform/context.js';
import { createHttpApp, sendError } from './platform/http.js';
import { errors } from './platform/errors.js';
import { authRoutes } from './platform/auth/routes.js';
import { securityRoutes } from './platform/auth/security.routes.js';
import { auditRoutes } from './platform/audit/routes.js';
import { OrgService, RegionDirectory } from './modules/org/service.js';
import { ORG_PERMISSIONS } from './modules/org/roles.js';
import { orgRoutes } from './modules/org/routes.js';
import { userRoutes } from './modules/org/users.routes.js';
import { WHITELIST_PERMISSIONS } from './modules/whitelist/permissions.js';
import { WhitelistService, type RegionLookup } from './modules/whitelist/service.js';
import { criteriaRoutes } from './modules/whitelist/criteria.routes.js';
import { enterpriseRoutes } from './modules/whitelist/enterprise.routes.js';
import { whitelistRoutes } from './modules/whitelist/routes.js';
import { whitelistOpsRoutes } from './modules/whitelist/ops.routes.js';
import { POLICIES_PERMISSIONS } from './modules/policies/permissions.js';
import { PoliciesService } from './modules/policies/service.js';
import { policyRoutes } from './modules/policies/routes.js';
import { uptakeRoutes } from './modules/policies/uptake.routes.js';
import { claimRoutes } from './modules/policies/claims.routes.js';
import { DEMAND_PERMISSIONS } from './modules/demands/permissions.js';
import { buildDemands } from './modules/demands/index.js';
import { demandSupervisionSource } from './modules/demands/supervision-source.js';
import type { DemandService } from './modules/demands/service.js';
import { sectorTotalRoutes } from './modules/whitelist/totals.routes.js';
import { JobQueue } from './platform/jobs/index.js';
import { NotificationService } from './platform/notifications/service.js';
import { notificationRoutes } from './platform/notifications/routes.js';
import { AttachmentService, createFileStore } from './platform/files/index.js';
import { PREVENTION_PERMISSIONS } from './modules/prevention/permissions.js';
import { PreventionService } from './modules/prevention/service.js';
import { codeProtectionPersons } from './modules/prevention/code-protection.js';
import { rosterRoutes } from './modules/prevention/roster.routes.js';
import { ingestRoutes } from './modules/prevention/ingest.routes.js';
import { complianceRoutes } from './modules/prevention/compliance.routes.js';
import type { IngestHooks } from './modules/prevention/ingest.js';
import { AlertService, bulkRecipients } from './modules/prevention/alerts.js';
import { alertRoutes } from './modules/prevention/alerts.routes.js';
import { buildReports } from './modules/prevention/reports.js';
import { CaseService } from './modules/prevention/cases.js';
import { caseRoutes } from './modules/prevention/cases.routes.js';
import { SuppliesService } from './modules/prevention/supplies.js';
import { suppliesRoutes } from './modules/prevention/supplies.routes.js';
import { applyRetention } from './modules/prevention/retention-job.js';
import { tracingRoutes } from './modules/prevention/tracing.routes.js';
import { drugPurchaseStep } from './modules/prevention/drug-alerts.js';
import { refreshIsolationFlags } from './modules/prevention/loops.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The durable job queue: main.ts starts its poller; tests call app.jobs.runDue(date). */
    jobs: JobQueue;
    /** In-app notifications (modules get the service itself from buildApp). */
    notifications: NotificationService;
    /** Attachments of module records (modules get the service itself from buildApp). */
    attachments: AttachmentService;
    /** The demands service (app.ts hands it to the supervision service; tests drive its clocks). */
    demandService: DemandService;
    /** Prevention's health and arrival reports (tests drive the sweep steps' clocks). */
    preventionReports: ReturnType<typeof buildReports>;
  }
}
import { TASKS_PERMISSIONS } from './modules/tasks/permissions.js';
import { addSupervisionSource, buildTasksModule, registerTasksJobs } from './modules/tasks/module.js';
import { taskRoutes } from './modules/tasks/tasks.routes.js';
import { supervisionRoutes } from './modules/tasks/supervision.routes.js';
import { reportRoutes } from './modules/tasks/reports.routes.js';
import { taskAttachmentRoutes } from './modules/tasks/attachments.routes.js';

export interface BuildOptions {
  database: Database;
  config: Config;
  crypto: FieldCrypto;
  /** Serve the built web app from config.webDist when it exists. */
  serveWeb?: boolean;
  /** Tests only: simulate a crash inside the PCR-test ingest. */
  ingestHooks?: IngestHooks;
}

/** Plumbing first, then each module's permissions and routes, then the web app. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { database, config, crypto } = opts;
  const regionDir = new RegionDirectory();
  await regionDir.load(database.db);
  const org = new OrgService(database.db, regionDir);
  const jobs = new JobQueue(database.db, { pollMs: config.jobsPollMs });
  const notifications = new NotificationService(database.db, jobs);
  await notifications.start(database);
  const attachments = new AttachmentService(database.db, createFileStore(config), { maxBytes: config.files.maxBytes, allowedTypes: config.files.allowedTypes });
  const permissions = new PermissionRegistry();
  permissions.define(ORG_PERMISSIONS);
  permissions.define(WHITELIST_PERMISSIONS);
  permissions.define(POLICIES_PERMISSIONS);
  permissions.define(TASKS_PERMISSIONS);
  permissions.define(DEMAND_PERMISSIONS);
  permissions.define(PREVENTION_PERMISSIONS);
  const regionLookup: RegionLookup = {
    ancestors: (code) => {
      const out: string[] = [];
      for (let r = regionDir.get(code); r; r = r.parentCode ? regionDir.get(r.parentCode) : undefined) out.push(r.code);
      return out;
    },
    subtree: (code) => regionDir.subtree(code),
    name: (code) => regionDir.get(code)?.name ?? '',
    children: (code) => regionDir.childrenOf(code).map((r) => r.code),
  };
  const whitelist = new WhitelistService(database.db, regionLookup);
  const policiesSvc = new PoliciesService(database.db, regionLookup, notifications, jobs);
  whitelist.onEnterpriseChanged(async (id) => {
    await policiesSvc.matchEnterprise(id);
  });
  const tasksModule = buildTasksModule(database.db, regionLookup, notifications);
  registerTasksJobs(jobs, tasksModule);
  const demands = buildDemands({ db: database.db, regionDir, crypto, org, whitelist, jobs, notifications, attachments });
  // Supervision (tasks module) sees late demands through the contract the demands module implements.
  addSupervisionSource(tasksModule, demandSupervisionSource({ db: database.db, regions: { subtree: (c) => regionDir.subtree(c) }, totals: demands.service.totals }));
  const prevention = new PreventionService(database.db, database.kind, crypto, {
    find: async (conn, scope, id) => whitelist.enterprise(conn, scope, id),
    names: async (conn, ids) => whitelist.enterpriseNames(conn, ids),
  }, regionLookup);
  // Sentinel alerts go to the enterprise's prevention contacts and to prevention staff over its region.
  const preventionAlerts = new AlertService(database.db, notifications, bulkRecipients(org, regionLookup));
  const preventionReports = buildReports(prevention, preventionAlerts, (conn, scope) => whitelist.listedEnterprises(conn, scope));
  preventionAlerts.addSweepStep(drugPurchaseStep(database.db, preventionAlerts));
  preventionAlerts.addSweepStep((now) => refreshIsolationFlags(database.db, now));
  jobs.every('prevention.sweep', 5 * 60_000, async ({ now }) => {
    await preventionAlerts.sweep(now);
  });
  // A case's alerts go to the same people, looked up for a whole sweep at once.
  const preventionCases = new CaseService(prevention, notifications, bulkRecipients(org, regionLookup));
  jobs.every('prevention.cases.sweep', 5 * 60_000, async ({ now }) => {
    await preventionCases.sweepRetestOverdue(now);
  });
  // PIPL retention: daily, every registered tracing table and the rosters of enterprises whose purpose ended.
  jobs.every('prevention.retention', 24 * 3600_000, async ({ now }) => {
    await applyRetention(database.db, { endedEnterprises: (ids, before) => whitelist.endedBefore(database.db, ids, before) }, now);
  });

  const app = await createHttpApp({ db: database.db, dbKind: database.kind, crypto, config, accounts: org, permissions });
  app.decorate('jobs', jobs);
  app.decorate('notifications', notifications);
  app.decorate('attachments', attachments);
  app.decorate('demandService', demands.service);
  app.decorate('preventionReports', preventionReports);
  app.addHook('onClose', async () => {
    await jobs.stop();
    await notifications.stop();
  });
  await app.register(authRoutes);
  await app.register(securityRoutes);
  await app.register(auditRoutes);
  await app.register(notificationRoutes(notifications));
  await app.register(orgRoutes(org));
  await app.register(userRoutes(org));
  await app.register(criteriaRoutes(whitelist));
  await app.register(enterpriseRoutes(whitelist));
  // The code-protection list carries the prevention module's roster of each whitelisted enterprise.
  await app.register(whitelistRoutes(whitelist, { persons: (scope, actor, ids, clear) => codeProtectionPersons(prevention, scope, actor, ids, clear) }));
  await app.register(whitelistOpsRoutes(whitelist));
  await app.register(policyRoutes(policiesSvc));
  await app.register(uptakeRoutes(policiesSvc));
  await app.register(claimRoutes(policiesSvc, attachments));
  await app.register(demands.routes);
  await app.register(sectorTotalRoutes(whitelist));
  await app.register(taskRoutes(tasksModule.tasks));
  await app.register(supervisionRoutes(tasksModule.supervision));
  await app.register(reportRoutes(tasksModule.weekly));
  await app.register(taskAttachmentRoutes(tasksModule.tasks, tasksModule.supervision, attachments));
  await app.register(rosterRoutes(prevention));
  await app.register(ingestRoutes(prevention, opts.ingestHooks, () => preventionAlerts.sweep().then(() => undefined)));
  await app.register(complianceRoutes(prevention));
  await app.register(alertRoutes(prevention, preventionAlerts));
  await app.register(preventionReports.routes);
  await app.register(caseRoutes(prevention, preventionCases));
  await app.register(suppliesRoutes(prevention, new SuppliesService(prevention)));
  await app.register(tracingRoutes(prevention));

  const webIndex = path.join(config.webDist, 'index.html');
  const serveWeb = (opts.serveWeb ?? true) && fs.existsSync(webIndex);
  if (serveWeb) await app.register(fastifyStatic, { root: config.webDist, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !serveWeb || req.method !== 'GET') return sendError(req, reply, errors.notFound('route'));
    // Client-side routes: every other GET gets the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
