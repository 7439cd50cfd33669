/**
 * Contact-tracing benchmark on PostgreSQL (npm run bench -- tracing, or npx tsx bench/tracing.bench.ts).
 * Fills prevention_venue_scans (the real table, its primary key and (venue, time) index) with
 * BENCH_SCANS rows (default 50,000,000) by generate_series: BENCH_PERSONS people (default 2,000,000)
 * scanning BENCH_VENUES venues (default 20,000) over 28 days, then adds one positive person with 20
 * scans and times the tracing service (scans, ranked first-order contacts, units, the audit event)
 * and the second-order trace. BENCH_REPEAT (default 15) runs; medians reported. Target: < 200 ms.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/platform/db/index.js';
import { createFieldCrypto } from '../server/src/platform/crypto.js';
import { generateIdCard } from '../server/src/seed/idcard.js';
import { createRandom } from '../server/src/seed/random.js';
import { PreventionService } from '../server/src/modules/prevention/service.js';
import { trace } from '../server/src/modules/prevention/tracing.js';
import { benchDatabase, metric, report, BENCH_KEY } from './lib.js';

const SCANS = Number(process.env.BENCH_SCANS ?? 50_000_000);
const PERSONS = Number(process.env.BENCH_PERSONS ?? 2_000_000);
const VENUES = Number(process.env.BENCH_VENUES ?? 20_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 15);
const DAYS = 28;
const CHUNK = 5_000_000;

async function main() {
  const { url, drop } = await benchDatabase('tracing');
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  const crypto = createFieldCrypto(BENCH_KEY);
  const svc = new PreventionService(database.db, 'postgres', crypto, { find: async () => ({ id: '', name: '', regionCode: '' }), names: async () => new Map() }, { name: () => '', subtree: () => [] });
  const db = database.db;
  const metrics = [];
  try {
    const start = Date.parse('2022-05-01T00:00:00Z');
    console.error(`venues: ${VENUES.toLocaleString()}`);
    await db.execute(sql`insert into prevention_venues (code, enterprise_id, region_code, name, kind)
      select 'CS' || lpad(g::text, 10, '0'), ('00000000-0000-0000-0000-' || lpad((g % 5000)::text, 12, '0'))::uuid, (array['410225','410204','410102','410302'])[1 + g % 4], 'v' || g, 'area'
      from generate_series(1, ${VENUES}) g`);
    // Loaded without its indexes, then indexed: the same table and indexes the ingest writes to.
    await db.execute(sql`alter table prevention_venue_scans drop constraint prevention_venue_scans_person_hash_scanned_at_venue_code_pk`);
    await db.execute(sql`drop index prevention_venue_scans_venue_code_scanned_at_index`);
    const t0 = performance.now();
    for (let from = 0; from < SCANS; from += CHUNK) {
      const to = Math.min(SCANS, from + CHUNK);
      // Person p's scans spread over the window; venue by a multiplicative hash so people mix across venues.
      await db.execute(sql.raw(`insert into prevention_venue_scans (person_hash, scanned_at, venue_code)
        select lpad(to_hex(g % ${PERSONS}), 64, '0'),
               timestamptz '${new Date(start).toISOString()}' + ((g * 7919) % ${DAYS * 86400}) * interval '1 second',
               'CS' || lpad((1 + (g * 2654435761) % ${VENUES})::text, 10, '0')
        from generate_series(${from}::bigint, ${to - 1}::bigint) g`));
      console.error(`  ${to.toLocaleString()} scans (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    console.error('indexing…');
    await db.execute(sql`alter table prevention_venue_scans add constraint prevention_venue_scans_person_hash_scanned_at_venue_code_pk primary key (person_hash, scanned_at, venue_code)`);
    await db.execute(sql`create index prevention_venue_scans_venue_code_scanned_at_index on prevention_venue_scans (venue_code, scanned_at)`);
    // The positive person: 20 scans over 10 days at 20 venues.
    const rng = createRandom(99);
    const id = generateIdCard(rng, '410225', [1970, 2000]);
    const hash = crypto.lookupHash(id);
    for (let i = 0; i < 20; i++) {
      await db.execute(sql`insert into prevention_venue_scans values (${hash}, ${new Date(start + 5 * 86400_000 + i * 12 * 3600_000 + 7 * 60_000).toISOString()}::timestamptz, ${'CS' + String(1 + ((i * 997) % VENUES)).padStart(10, '0')}) on conflict do nothing`);
    }
    await db.execute(sql`vacuum analyze prevention_venue_scans`);
    await db.execute(sql`analyze prevention_venues`);
    console.error(`loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const scope = { kind: 'government' as const, regionCode: '410000', regionCodes: null, sector: null };
    const actor = { id: null, name: 'bench', ip: null };
    const input = { idCard: id, from: new Date(start), to: new Date(start + DAYS * 86400_000), secondOrder: false, reveal: false };
    for (const second of [false, true]) {
      const times: number[] = [];
      let found = 0;
      let scans = 0;
      for (let r = 0; r < REPEAT; r++) {
        const a = performance.now();
        const res = await trace(svc, scope, actor, false, { ...input, secondOrder: second });
        times.push(performance.now() - a);
        found = second ? (res.secondOrder?.length ?? 0) : res.contacts.length;
        scans = res.scans.length;
      }
      console.error(`${second ? 'second-order' : 'first-order'}: ${scans} scans, ${found} contacts, times ${times.map((x) => x.toFixed(0)).join(' ')} ms`);
      metrics.push(second
        ? metric(`second-order tracing over ${SCANS.toLocaleString()} scans (${found} second-order contacts)`, times, 'ms')
        : metric(`tracing a person with ${scans} scans over ${SCANS.toLocaleString()} scans (${found} contacts)`, times, 'ms', { value: 200, better: 'lower' }));
    }
  } finally {
    await database.close();
    await drop();
  }
  report('tracing', metrics);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
