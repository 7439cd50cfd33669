import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { loadConfig } from './config.js';
import { workerCount } from './workers.js';
import { LOGIN_ATTEMPTS_PER_MINUTE, loginAttemptsPerProcess } from './platform/auth/routes.js';
import { TEST_SECRET_KEY } from './testing/constants.js';
import { DEMO_PASSWORD } from './seed/accounts.js';

describe('SIBAO_WORKERS', () => {
  it('reads a count or auto; anything else is one process', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ SIBAO_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ SIBAO_WORKERS: 'auto' }).workers).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ SIBAO_WORKERS: '0' }).workers).toBe(1);
    expect(loadConfig({ SIBAO_WORKERS: 'many' }).workers).toBe(1);
  });

  it('the embedded database runs in one process, whatever is asked', () => {
    const warnings: string[] = [];
    expect(workerCount({ workers: 4, databaseUrl: null }, (m) => warnings.push(m))).toBe(1);
    expect(warnings[0]).toMatch(/DATABASE_URL/);
    expect(workerCount({ workers: 4, databaseUrl: 'postgres://x' }, (m) => warnings.push(m))).toBe(4);
    expect(warnings).toHaveLength(1);
  });

  it('shares the per-address sign-in limit among the workers (each counts its own)', () => {
    expect(loginAttemptsPerProcess({ workers: 1, databaseUrl: 'postgres://x' })).toBe(LOGIN_ATTEMPTS_PER_MINUTE);
    expect(loginAttemptsPerProcess({ workers: 4, databaseUrl: null })).toBe(LOGIN_ATTEMPTS_PER_MINUTE);
    expect(loginAttemptsPerProcess({ workers: 2, databaseUrl: 'postgres://x' })).toBe(10);
    expect(loginAttemptsPerProcess({ workers: 3, databaseUrl: 'postgres://x' })).toBe(7);
    expect(loginAttemptsPerProcess({ workers: 64, databaseUrl: 'postgres://x' })).toBe(1);
  });
});

// The real server as `npm start` runs it, with two workers on one port: only against PostgreSQL.
const template = inject('pgTemplate');
const base = process.env.TEST_DATABASE_URL;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A GET on a connection of its own (fetch keeps one alive, and a kept connection stays with one worker). */
function getStatus(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

describe.skipIf(!template || !base)('two workers on PostgreSQL', () => {
  let child: ChildProcess | null = null;
  let dropDb: (() => Promise<void>) | null = null;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dropDb?.();
  });

  it('serve the same sessions, replace a worker that dies, and stop together', async () => {
    const { default: pg } = await import('pg');
    const name = `sibao_w_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    dropDb = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
    const url = new URL(base!);
    url.pathname = `/${name}`;
    const port = await freePort();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url.toString(), SIBAO_WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', SIBAO_SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'info', TRUST_PROXY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const until = async (test: () => boolean, what: string, ms = 60_000) => {
      const end = Date.now() + ms;
      while (!test()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const pids = () => new Set([...out.matchAll(/"pid":(\d+)[^\n]*Server listening/g)].map((m) => m[1]));
    await until(() => out.includes('2 worker processes'), 'both workers');
    expect(pids().size).toBe(2);

    const baseUrl = `http://127.0.0.1:${port}`;
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kf_dispatcher', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    // Connections are shared out round-robin: a run of requests reaches both workers.
    for (let i = 0; i < 6; i++) expect(await getStatus(`${baseUrl}/api/demands?view=all`, cookie)).toBe(200);
    // (the workers' request logs reach the primary's output a moment later)
    const served = () => new Set([...out.matchAll(/"pid":(\d+)[^\n]*"url":"\/api\/demands"/g)].map((m) => m[1]));
    await until(() => served().size === 2, 'requests logged by both workers', 10_000);

    // Signing out at one worker ends the session at every worker.
    expect((await fetch(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    for (let i = 0; i < 4; i++) expect(await getStatus(`${baseUrl}/api/demands?view=all`, cookie)).toBe(401);

    // A worker killed outright is replaced.
    const victim = Number([...pids()][0]);
    process.kill(victim, 'SIGKILL');
    await until(() => pids().size === 3, 'a replacement worker', 30_000);

    // SIGTERM to the primary stops the workers first, then the primary, cleanly.
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of pids()) {
      expect(() => process.kill(Number(pid), 0)).toThrow();
    }
  }, 120_000);
});
