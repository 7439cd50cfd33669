import cluster from 'node:cluster';
import { loadConfig, type Config } from './config.js';
import { acquireDataDirLock } from './platform/db/lock.js';
import { openDatabase } from './platform/db/index.js';
import { createFieldCrypto, type FieldCrypto } from './platform/crypto.js';
import { loadSecretKey } from './platform/secret.js';
import { buildApp } from './app.js';
import { isEmpty, seedDatabase } from './seed/index.js';
import { printAccounts } from './seed/print.js';
import { superviseWorkers, workerCount } from './workers.js';

const config = loadConfig();
const workers = workerCount(config);

/** Migrates (openDatabase does) and loads the demo data into an empty database: once, before any worker starts. */
async function prepare(cfg: Config, crypto: FieldCrypto) {
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.databaseUrl ? null : cfg.dataDir });
  if (await isEmpty(database.db)) {
    console.log(`空数据库：正在载入演示数据（${cfg.seedScale}）… / Empty database: loading demo data (${cfg.seedScale})…`);
    const result = await seedDatabase(database.db, crypto, { scale: cfg.seedScale });
    printAccounts(result.accounts);
  }
  return database;
}

function banner(kind: string) {
  const url = `http://localhost:${config.port}`;
  console.log(`\nsibao 已启动 / is running: ${url}  (API docs: ${url}/api/docs)`);
  console.log(`数据库 / database: ${kind}${workers > 1 ? `；${workers} 个工作进程 / ${workers} worker processes` : ''}`);
  console.log('演示账号见 README，或运行 npm run seed 重新打印 / Demo logins: see README, or run npm run seed to print them again.');
}

if (cluster.isPrimary) {
  let release: (() => void) | null = null;
  try {
    if (!config.databaseUrl) release = acquireDataDirLock(config.dataDir);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  // The key file, when generated, is written here first, so every worker reads the same one.
  const crypto = createFieldCrypto(loadSecretKey(config.secretKey, config.dataDir));
  const database = await prepare(config, crypto);
  if (workers > 1) {
    await database.close();
    superviseWorkers(workers, () => banner('PostgreSQL'));
  } else {
    const app = await buildApp({ database, config, crypto });
    const shutdown = async () => {
      await app.close();
      await database.close();
      release?.();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown());
    process.on('SIGTERM', () => void shutdown());
    await app.listen({ port: config.port, host: config.host });
    app.jobs.start();
    banner(database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL');
  }
} else {
  // A worker: the primary has migrated and seeded; each worker serves the shared port and runs the job
  // poller (a job is claimed under a lease, so two workers never run the same one).
  const crypto = createFieldCrypto(loadSecretKey(config.secretKey, config.dataDir));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: null });
  const app = await buildApp({ database, config, crypto });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  // Ctrl-C reaches the whole process group: the primary stops the workers in order.
  process.on('SIGINT', () => {});
  // The primary is gone (killed outright): nobody would restart or stop this worker.
  process.on('disconnect', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  app.jobs.start();
  process.send?.({ type: 'sibao.ready' });
}
