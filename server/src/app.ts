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

  const app = await createHttpApp({ db: database.db, dbKind: database.kind, crypto, config, accounts: org, permissions });
  await app.register(authRoutes);
  await app.register(securityRoutes);
  await app.register(auditRoutes);
  await app.register(orgRoutes(org));
  await app.register(userRoutes(org));

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
