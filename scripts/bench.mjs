// npm run bench [-- <name> …]: runs each bench/<name>.bench.ts with tsx against a fresh PostgreSQL
// database sibao_bench_<name> (created before, dropped after), collects the JSON line each prints
// last ({name, metrics: [{label, median, unit, target?, better?, ratio?}]}) and prints a table.
// PostgreSQL: BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// Exit status 1 when a benchmark fails to run or misses a target.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const pg = require('pg');
const tsxCli = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const all = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(`没有这些基准 / no such benchmark: ${unknown.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : all;

function run(name, url) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsxCli, path.join('bench', `${name}.bench.ts`)], {
      cwd: root,
      env: { ...process.env, BENCH_DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code, out }));
  });
}

const results = [];
let failed = false;
for (const name of names) {
  const db = `sibao_bench_${name.replace(/\W/g, '_')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${db} with (force)`);
  await admin.query(`create database ${db}`);
  const url = new URL(adminUrl);
  url.pathname = `/${db}`;
  console.error(`\n=== ${name} (${db})`);
  const started = Date.now();
  const { code, out } = await run(name, url.toString());
  await admin.query(`drop database if exists ${db} with (force)`);
  await admin.end();
  const last = out.trim().split('\n').filter(Boolean).pop() ?? '';
  let parsed = null;
  try {
    parsed = JSON.parse(last);
  } catch {
    parsed = null;
  }
  if (code !== 0 || !parsed || !Array.isArray(parsed.metrics)) {
    failed = true;
    results.push({ name, error: `exit ${code}${parsed ? '' : ', no JSON result line'}`, seconds: (Date.now() - started) / 1000 });
    continue;
  }
  results.push({ name, metrics: parsed.metrics, seconds: (Date.now() - started) / 1000 });
}

const rows = [['benchmark', 'metric', 'median', 'unit', 'target', 'ratio', '']];
for (const r of results) {
  if (r.error) {
    rows.push([r.name, `FAILED: ${r.error}`, '', '', '', '', '✗']);
    continue;
  }
  for (const m of r.metrics) {
    const hasTarget = typeof m.target === 'number';
    const pass = !hasTarget || (typeof m.ratio === 'number' && m.ratio >= 1);
    if (!pass) failed = true;
    const cmp = m.better === 'lower' ? '≤ ' : m.better === 'higher' ? '≥ ' : '';
    rows.push([r.name, m.label, String(m.median), m.unit, hasTarget ? `${cmp}${m.target}` : '', typeof m.ratio === 'number' ? `${m.ratio}×` : '', hasTarget ? (pass ? '✓' : '✗') : '']);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
console.log('');
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => c + ' '.repeat(widths[j] - [...c].length)).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
process.exit(failed ? 1 : 0);
