import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import type { OrgService, RegionDirectory } from '../org/service.js';
import type { WhitelistService } from '../whitelist/service.js';
import { DemandService } from './service.js';
import { demandRoutes } from './routes.js';
import { demandAdminRoutes } from './admin.routes.js';
import { commonIssueRoutes } from './common.routes.js';
import type { RegionInfo } from './units.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { DemandNotifications } from './notify.js';
import { DemandClocks } from './clocks.js';
import { demandAttachmentRoutes } from './attachments.routes.js';
import { liaisonRoutes } from './liaisons.routes.js';
import type { AttachmentService } from '../../platform/files/index.js';

/** The demands module, built once by app.ts: its service and its routes. */
export function buildDemands(d: { db: Db; regionDir: RegionDirectory; crypto: FieldCrypto; org: OrgService; whitelist: WhitelistService; jobs: JobQueue; notifications: NotificationService; attachments: AttachmentService }) {
  const regions: RegionInfo = {
    level: (code) => d.regionDir.get(code)?.level,
    ancestors: (code) => {
      const out: string[] = [];
      for (let r = d.regionDir.get(code); r; r = r.parentCode ? d.regionDir.get(r.parentCode) : undefined) out.push(r.code);
      return out;
    },
    subtree: (code) => d.regionDir.subtree(code),
    children: (code) => d.regionDir.childrenOf(code).map((r) => r.code),
    name: (code) => d.regionDir.get(code)?.name ?? code,
  };
  const service = new DemandService(d.db, {
    regions,
    crypto: d.crypto,
    org: d.org,
    enterprises: { get: (conn, scope, id) => d.whitelist.enterprise(conn, scope, id), names: (conn, ids) => d.whitelist.enterpriseNames(conn, ids) },
    notifier: new DemandNotifications(d.notifications),
  });
  const clocks = new DemandClocks(service, d.jobs);
  clocks.register();
  service.clocks = clocks;
  const routes = async (app: FastifyInstance) => {
    await app.register(demandAdminRoutes(service));
    await app.register(commonIssueRoutes(service));
    await app.register(demandAttachmentRoutes(service, d.attachments));
    await app.register(liaisonRoutes(service));
    await app.register(demandRoutes(service));
  };
  return { service, clocks, routes };
}
