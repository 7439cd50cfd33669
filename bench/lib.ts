/**
 * Helpers for benchmarks (bench/<name>.bench.ts). Each benchmark runs alone with
 * `npx tsx bench/<name>.bench.ts` or through `npm run bench [-- <name>]` (scripts/bench.mjs),
 * measures on PostgreSQL, and prints one JSON line last: {name, metrics: [...]}.
 */
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type SeedScale } from '../server/src/config.js';
import { openDatabase, type Database } from '../server/src/platform/db/index.js';
import { createFieldCrypto, type FieldCrypto } from '../server/src/platform/crypto.js';
import { seedDatabase } from '../server/src/seed/index.js';
import { buildApp } from '../server/src/app.js';
import { DEMO_PASSWORD } from '../server/src/seed/accounts.js';

export const BENCH_KEY = 'b'.repeat(64);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Metric {
  label: string;
  median: number;
  unit: string;
  /** The goal; with `better` it says which way passes. */
  target?: number;
  better?: 'higher' | 'lower';
  /** How many times better than the target the median is (≥ 1 passes). */
  ratio?: number;
}

/** A metric with its ratio to the target worked out. */
export function metric(label: string, values: number[], unit: string, target?: { value: number; better: 'higher' | 'lower' }): Metric {
  const m = median(values);
  if (!target) return { label, median: round(m), unit };
  const ratio = target.better === 'higher' ? m / target.value : target.value / Math.max(m, 1e-9);
  return { label, median: round(m), unit, target: target.value, better: target.better, ratio: round(ratio) };
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The last line a benchmark prints: what scripts/bench.mjs collects. */
export function report(name: string, metrics: Metric[]): void {
  console.log(JSON.stringify({ name, metrics }));
}

/**
 * The benchmark's own PostgreSQL database, sibao_bench_<name>: the runner's (BENCH_DATABASE_URL)
 * or, when run alone, one created here and dropped by `drop`.
 */
export async function benchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, drop: async () => {} };
  const { default: pg } = await import('pg');
  const db = `sibao_bench_${name.replace(/\W/g, '_')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${db} with (force)`);
  await admin.query(`create database ${db}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${db}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${db} with (force)`);
      await admin.end();
    },
  };
}

/** Migrates the database and loads the demo data at the given scale. */
export async function openSeeded(url: string, scale: SeedScale): Promise<{ database: Database; crypto: FieldCrypto }> {
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  const crypto = createFieldCrypto(BENCH_KEY);
  await seedDatabase(database.db, crypto, { scale });
  return { database, crypto };
}

/** The real app on a free port (or `port`), without the web app. */
export async function startServer(database: Database, crypto: FieldCrypto, port = 0, onResponse?: (elapsedMs: number) => void): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = await buildApp({ database, crypto, config: { ...loadConfig({}), logLevel: 'silent', trustProxy: true }, serveWeb: false });
  // The server's own time per request: from the request's arrival to the response's last byte.
  if (onResponse) app.addHook('onResponse', async (_req, reply) => onResponse(reply.elapsedTime));
  await app.listen({ port, host: '127.0.0.1' });
  const { port: actual } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${actual}` };
}

let loginIp = 0;
/** Signs a demo account in (no TOTP: use accounts without it) and returns its cookie header. */
export async function login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  loginIp++;
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.19.${Math.floor(loginIp / 250)}.${(loginIp % 250) + 1}` },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sibao_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

export interface LoadResult {
  requestsPerSec: number;
  latencyP50: number;
  latencyP99: number;
  errors: number;
  non2xx: number;
}

/** One autocannon run against a URL. */
export async function load(opts: { url: string; connections: number; durationSec: number; headers?: Record<string, string> }): Promise<LoadResult> {
  // In a worker thread: the client work of 100 connections would otherwise share an event loop with what it measures.
  const r = await autocannon({ url: opts.url, connections: opts.connections, duration: opts.durationSec, headers: opts.headers ?? {}, workers: 1 });
  return { requestsPerSec: r.requests.average, latencyP50: r.latency.p50, latencyP99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** N runs of the same load, for medians. */
export async function loadRuns(n: number, opts: Parameters<typeof load>[0]): Promise<LoadResult[]> {
  const out: LoadResult[] = [];
  for (let i = 0; i < n; i++) out.push(await load(opts));
  return out;
}

/**
 * The server as `npm start` runs it (server/src/main.ts), in processes of its own with `workers`
 * workers on PostgreSQL: what the load runs measure. Its log is kept quiet; it is stopped by `stop`.
 */
export async function spawnServer(databaseUrl: string, workers: number): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: databaseUrl, SIBAO_WORKERS: String(workers), PORT: String(port), HOST: '127.0.0.1', SIBAO_SECRET_KEY: BENCH_KEY, LOG_LEVEL: 'silent', TRUST_PROXY: 'true' };
  return spawnUntil(['--import', 'tsx', 'server/src/main.ts'], env, `http://127.0.0.1:${port}`, /is running/);
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `node <args>` and waits for `ready` in its output; `stop` sends SIGTERM and waits for the exit. */
export async function spawnUntil(args: string[], env: NodeJS.ProcessEnv, baseUrl: string, ready: RegExp): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve();
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before it was ready:\n${out}`)));
  });
  return {
    baseUrl,
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
