// npm run seed -- --scale county|city|province [--seed N]
import { parseArgs } from 'node:util';
import { loadConfig, parseSeedScale } from '../config.js';
import { acquireDataDirLock } from '../platform/db/lock.js';
import { openDatabase } from '../platform/db/index.js';
import { createFieldCrypto } from '../platform/crypto.js';
import { loadSecretKey } from '../platform/secret.js';
import { seedDatabase } from './index.js';
import { printAccounts } from './print.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'city' }, seed: { type: 'string' } } });
const config = loadConfig();
const release = config.databaseUrl ? null : acquireDataDirLock(config.dataDir);
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
const crypto = createFieldCrypto(loadSecretKey(config.secretKey, config.dataDir));
const started = Date.now();
const result = await seedDatabase(database.db, crypto, { scale: parseSeedScale(values.scale), ...(values.seed ? { seed: Number(values.seed) } : {}) });
console.log(`已载入 / loaded: ${result.enterprises} enterprises in ${((Date.now() - started) / 1000).toFixed(1)} s`);
printAccounts(result.accounts);
await database.close();
release?.();
