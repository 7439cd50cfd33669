import { loadConfig } from './config.js';
import { acquireDataDirLock } from './platform/db/lock.js';
import { openDatabase } from './platform/db/index.js';
import { createFieldCrypto } from './platform/crypto.js';
import { loadSecretKey } from './platform/secret.js';
import { buildApp } from './app.js';
import { isEmpty, seedDatabase } from './seed/index.js';
import { printAccounts } from './seed/print.js';

const config = loadConfig();
let release: (() => void) | null = null;
try {
  if (!config.databaseUrl) release = acquireDataDirLock(config.dataDir);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
const crypto = createFieldCrypto(loadSecretKey(config.secretKey, config.dataDir));
if (await isEmpty(database.db)) {
  console.log(`空数据库：正在载入演示数据（${config.seedScale}）… / Empty database: loading demo data (${config.seedScale})…`);
  const result = await seedDatabase(database.db, crypto, { scale: config.seedScale });
  printAccounts(result.accounts);
}
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
const url = `http://localhost:${config.port}`;
console.log(`\nsibao 已启动 / is running: ${url}  (API docs: ${url}/api/docs)`);
console.log(`数据库 / database: ${database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`);
console.log('演示账号见 README，或运行 npm run seed 重新打印 / Demo logins: see README, or run npm run seed to print them again.');
