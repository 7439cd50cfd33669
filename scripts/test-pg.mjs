// Runs the server suite against a real PostgreSQL: a fresh database per run, dropped after.
// PGURL defaults to the local server (127.0.0.1:5432, user postgres, no password).
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const base = process.env.PGURL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `sibao_ci_${process.pid}_${Date.now()}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
let status = 1;
try {
  const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url.toString() },
  });
  status = r.status ?? 1;
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
process.exit(status);
