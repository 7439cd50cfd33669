import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type Database } from '../server/src/platform/db/index.js';
import { createFieldCrypto } from '../server/src/platform/crypto.js';
import { seedDatabase } from '../server/src/seed/index.js';
import { buildApp } from '../server/src/app.js';
import { TEST_SECRET_KEY } from '../server/src/testing/constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** username → base32 TOTP secret of the seeded accounts that have one */
    totpSecrets: Record<string, string>;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A fresh database: in-memory PGlite, or a new PostgreSQL database under TEST_DATABASE_URL (dropped afterwards). */
async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (!pgUrl) return { database: await openDatabase({ databaseUrl: null, dataDir: null }), drop: async () => {} };
  const { default: pg } = await import('pg');
  const name = `sibao_e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ databaseUrl: url.toString(), dataDir: null }),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Builds web/dist when stale, then serves the real app on a free port for the whole run. */
export default async function setup(project: TestProject) {
  // vitest sets NODE_ENV=test, which would give a development build of React and antd
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });

  const { database, drop } = await freshDatabase();
  const crypto = createFieldCrypto(TEST_SECRET_KEY);
  const seeded = await seedDatabase(database.db, crypto, { scale: 'city' });
  const app = await buildApp({
    database,
    config: { ...loadConfig({}), logLevel: 'silent', webDist: path.join(root, 'web/dist') },
    crypto,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide(
    'totpSecrets',
    Object.fromEntries(seeded.accounts.filter((a) => a.totpSecret).map((a) => [a.username, a.totpSecret!])),
  );

  return async () => {
    await app.close();
    await database.close();
    await drop();
  };
}
