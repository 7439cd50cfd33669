import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../platform/db/index.js';
import { createFieldCrypto, type FieldCrypto } from '../platform/crypto.js';
import { freshTotp, resetTotpSteps } from './totp.js';
import { users } from '../platform/auth/tables.js';
import { buildApp } from '../app.js';
import { DEMO_PASSWORD } from '../seed/accounts.js';
import { TEST_SECRET_KEY } from './constants.js';

export interface ReqOptions {
  cookie?: string;
  body?: unknown;
  lang?: string;
  /** The client address, sent as X-Forwarded-For (the app trusts the proxy header). */
  ip?: string;
  /** Extra request headers, e.g. a content-type for a raw string body. */
  headers?: Record<string, string>;
}

let loginCounter = 0;
/** A distinct documentation-range address (198.18.0.0/15, RFC 2544) for each sign-in. */
function nextLoginIp(): string {
  loginCounter++;
  return `198.18.${Math.floor(loginCounter / 250) % 250}.${(loginCounter % 250) + 1}`;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  crypto: FieldCrypto;
  /**
   * Signs in (answering the TOTP step for accounts that have one) and returns the cookie header.
   * Each sign-in comes from its own client address (X-Forwarded-For), so a file that signs in
   * often does not trip the per-address login rate limit; pass opts.ip to choose the address.
   */
  login(username: string, password?: string, opts?: { ip?: string }): Promise<string>;
  req(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, opts?: ReqOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

async function openCopy(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const template = inject('pgTemplate');
  const base = process.env.TEST_DATABASE_URL;
  if (template && base) {
    const { default: pg } = await import('pg');
    const name = `sibao_t_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
    return {
      database,
      drop: async () => {
        // pool.end() resolves before every backend has gone; dropping with force under a live
        // connection makes it fail with an unhandled "terminating connection" error. Wait briefly.
        for (let i = 0; i < 250; i++) {
          const r = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (r.rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dump = new Blob([fs.readFileSync(inject('pgliteDump'))]);
  return { database: await openDatabase({ databaseUrl: null, dataDir: null, loadDump: dump }), drop: async () => {} };
}

/** opts.files: attachment limits for a file that tests them (size, allowed types). */
export async function createTestApp(opts: { files?: { maxBytes?: number; allowedTypes?: string[] } } = {}): Promise<TestApp> {
  const { database, drop } = await openCopy();
  resetTotpSteps();
  const crypto = createFieldCrypto(TEST_SECRET_KEY);
  // Attachments of a test file go to a directory of its own, removed on close.
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sibao-files-'));
  const base = loadConfig({});
  const config = { ...base, logLevel: 'silent', trustProxy: true, webDist: '/nonexistent', files: { ...base.files, ...opts.files, dir: filesDir } };
  const app = await buildApp({ database, config, crypto, serveWeb: false });
  await app.ready();

  const req: TestApp['req'] = (method, url, opts = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        'accept-language': opts.lang ?? 'zh-CN',
        ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });

  const login: TestApp['login'] = async (username, password = DEMO_PASSWORD, opts = {}) => {
    const u = (await database.db.select().from(users).where(eq(users.username, username)))[0];
    const totp = u?.totpEnabled && u.totpSecretEnc ? await freshTotp(crypto.decrypt(u.totpSecretEnc)) : undefined;
    const res = await req('POST', '/api/auth/login', { body: { username, password, ...(totp ? { totp } : {}) }, ip: opts.ip ?? nextLoginIp() });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'sibao_session');
    if (!cookie) throw new Error('no session cookie');
    return `sibao_session=${cookie.value}`;
  };

  return {
    app,
    database,
    crypto,
    login,
    req,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
