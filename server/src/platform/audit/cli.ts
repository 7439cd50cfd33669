// npm run audit:verify — walks the audit hash chain and exits 1 where it is broken.
import { loadConfig } from '../../config.js';
import { acquireDataDirLock } from '../db/lock.js';
import { openDatabase } from '../db/index.js';
import { verifyChain } from './service.js';

const config = loadConfig();
const release = config.databaseUrl ? null : acquireDataDirLock(config.dataDir);
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
const result = await verifyChain(database.db);
await database.close();
release?.();
if (result.ok) {
  console.log(`审计链完整 / audit chain intact: ${result.checked} events`);
} else {
  console.error(`审计链在事件 ${result.brokenAt?.id}（${result.brokenAt?.at}）处断开：${result.brokenAt?.reason}`);
  console.error(`audit chain broken at event ${result.brokenAt?.id} (${result.brokenAt?.at}): ${result.brokenAt?.reason}; ${result.checked} events before it are intact`);
  process.exit(1);
}
