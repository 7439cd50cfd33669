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

export interface BuildOptions {
  database: Database;
  config: Config;
  crypto: FieldCrypto;
  /** Serve the built web app from config.webDist when it exists. */
  serveWeb?: boolean;
}

/** Plumbing first, then each module's permissions and routes, then the web app. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { database, config, crypto } = opts;
  const regionDir = new RegionDirectory();
  await regionDir.load(database.db);
  const org = new OrgService(database.db, regionDir);
  const permissions = new PermissionRegistry();
  permissions.define(ORG_PERMISSIONS);
  permissions.define(WHITELIST_PERMISSIONS);
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

  const app = await createHttpApp({ db: database.db, dbKind: database.kind, crypto, config, accounts: org, permissions });
  await app.register(authRoutes);
  await app.register(securityRoutes);
  await app.register(auditRoutes);
  await app.register(orgRoutes(org));
  await app.register(userRoutes(org));
  await app.register(criteriaRoutes(whitelist));
  await app.register(enterpriseRoutes(whitelist));
  await app.register(whitelistRoutes(whitelist));
  await app.register(whitelistOpsRoutes(whitelist));

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
