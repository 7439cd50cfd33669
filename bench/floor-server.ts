/**
 * The demands benchmark's floor: a bare Fastify route that sends the statements in BENCH_FLOOR_STATEMENTS
 * (a JSON file) with pg, prepared like the server's, and returns the last one's rows; no session, scope,
 * schema or serialisation. It runs with as many cluster workers as the server it is compared with
 * (BENCH_FLOOR_WORKERS), on PORT.
 */
import cluster from 'node:cluster';
import fs from 'node:fs';
import pg from 'pg';
import Fastify from 'fastify';

interface Statement { name?: string; text: string; values: unknown[] }
const workers = Number(process.env.BENCH_FLOOR_WORKERS ?? 1);

if (cluster.isPrimary && workers > 1) {
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', () => {
      if (++ready === workers) console.log('floor ready');
    });
  }
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const statements = JSON.parse(fs.readFileSync(process.env.BENCH_FLOOR_STATEMENTS!, 'utf8')) as Statement[];
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const app = Fastify({ logger: false });
  app.get('/floor', async () => {
    let rows: unknown[] = [];
    for (const s of statements) rows = (await pool.query({ name: s.name, text: s.text, values: s.values })).rows;
    return { items: rows };
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
  if (cluster.isWorker) process.send?.('ready');
  else console.log('floor ready');
}
