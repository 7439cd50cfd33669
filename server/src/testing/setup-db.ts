import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../platform/db/index.js';
import { createFieldCrypto } from '../platform/crypto.js';
import { seedDatabase } from '../seed/index.js';
import { TEST_SECRET_KEY } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}

/**
 * Migrates and seeds one database for the whole run; every test file then starts from a copy
 * (a PGlite data-dir dump, or a PostgreSQL template database), which is far faster than seeding
 * each file.
 */
export default async function setup(project: TestProject) {
  const crypto = createFieldCrypto(TEST_SECRET_KEY);
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const { default: pg } = await import('pg');
    const template = `sibao_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const url = new URL(pgUrl);
    url.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
    await seedDatabase(database.db, crypto, { scale: 'city' });
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteDump', '');
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: null });
  await seedDatabase(database.db, crypto, { scale: 'city' });
  const blob = await database.dump!();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sibao-test-')), 'seeded.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
