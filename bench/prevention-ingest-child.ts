/**
 * One PCR-test ingest in a process of its own, so its peak resident memory (VmHWM) is the ingest's
 * alone and not the benchmark's (which holds the generator, the bare COPY client and the parent's
 * heap). Run by prevention.bench.ts: `node --import tsx bench/prevention-ingest-child.ts <url> <csv>`;
 * prints one JSON line: {rows, merged, seconds, peakRssMb}.
 */
import fs from 'node:fs';
import { openDatabase } from '../server/src/platform/db/index.js';
import { createFieldCrypto } from '../server/src/platform/crypto.js';
import { PreventionService } from '../server/src/modules/prevention/service.js';
import { ingestTestResults } from '../server/src/modules/prevention/ingest.js';

/** The same key as prevention.bench.ts: the roster's hashes there were made with it. */
const BENCH_PREVENTION_KEY = '0'.repeat(64);

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function main() {
  const [url, file] = process.argv.slice(2);
  if (!url || !file) throw new Error('usage: prevention-ingest-child.ts <databaseUrl> <csvFile>');
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  try {
    const svc = new PreventionService(database.db, 'postgres', createFieldCrypto(BENCH_PREVENTION_KEY), { find: async () => ({ id: '', name: '', regionCode: '' }), names: async () => new Map() }, { name: () => '', subtree: () => [] });
    const t0 = performance.now();
    const { run } = await ingestTestResults(svc, { id: null, name: 'bench', ip: null }, { stream: fs.createReadStream(file), format: 'csv', fileName: 'bench-child.csv', source: 'api', regionCode: '410000', apiKeyId: null });
    const seconds = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({ rows: run.rows, merged: run.merged, seconds, peakRssMb: peakRssMb() }));
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
