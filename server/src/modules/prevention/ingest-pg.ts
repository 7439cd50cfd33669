import fs from 'node:fs';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, sql, type SQL } from 'drizzle-orm';
import * as schema from '../../schema.js';
import { recordAudit, type AuditActor } from '../../platform/audit/service.js';
import type { Conn } from '../../platform/db/index.js';
import type { IngestFormat, IngestHooks, RunRow } from './ingest.js';
import type { PreventionService } from './service.js';
import { IdHashCache } from './result-check.js';
import { RESULT_COPY_COLUMNS, resultCopyBatches, type ResultReject } from './result-csv.js';
import { preventionIngestRejects, preventionIngestRuns } from './tables.js';

/**
 * PCR-test results on PostgreSQL, without a staging pass: rows that pass the checks are COPYed
 * straight into prevention_test_results, all in ONE transaction per run, so a crash anywhere leaves
 * nothing behind and the re-run of the same file (ingest.ts finds its run by sha256) does it all.
 *
 * Each chunk of rows is one COPY under a savepoint. A sample id already stored (the same results sent
 * again in another file, or twice in this one) makes that COPY fail as a whole; the chunk is then
 * rolled back to its savepoint and sent through a temporary table merged with ON CONFLICT DO NOTHING,
 * which stores its new rows and counts the rest as duplicates. Chunks grow while COPYs succeed
 * (fewer round trips and savepoints) and shrink again after a conflict (a conflicting chunk is
 * loaded twice, so a re-sent file should cost little of it). The roster's last-test fields are
 * updated once at the end with one set-based statement.
 */
const FIRST_CHUNK = 10_000;
/** People whose latest results are kept in memory for the roster update; past it the update reads them back. */
const LATEST_CAP = 200_000;
// Also the most rows held in memory at once (about 17 MB of COPY text), for a re-send after a conflict.
const MAX_CHUNK = 100_000;
// Small enough that a chunk's decoded text stays out of V8's large-object space (kept until a full GC).
const READ_CHUNK = 48 * 1024;

interface Copy {
  /** set once the server refused the COPY; later writes are skipped (the server drops them anyway) */
  readonly failed: Error | null;
  write(data: Buffer): Promise<void>;
  /** the rows stored, or the server's error */
  end(): Promise<number>;
  /** cancels a COPY still in progress (CopyFail), so the connection can take other statements */
  abort(): Promise<void>;
}

/**
 * One COPY FROM STDIN. Each write waits for the previous one to reach the socket: pg-copy-streams
 * must never hold queued data when the server refuses the COPY (it would write it to a connection it
 * has already let go of).
 */
function openCopy(client: PoolClient, table: string, columns = RESULT_COPY_COLUMNS): Copy {
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  const settled = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (e: Error) => {
      failed = e;
      wake?.();
      reject(e);
    });
  });
  // Observed through `failed` and end(); without this an early refusal is an unhandled rejection.
  settled.catch(() => undefined);
  return {
    get failed() {
      return failed;
    },
    async write(data) {
      if (failed) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
        stream.write(data, () => resolve());
      });
      wake = null;
    },
    async end() {
      if (failed) throw failed;
      stream.end();
      await settled;
      return stream.rowCount;
    },
    async abort() {
      if (failed) return;
      stream.destroy(new Error('ingest aborted'));
      await settled.catch(() => undefined);
    },
  };
}

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

/** The state of one run's load: counters, the open chunk, and rejects waiting for the connection. */
class DirectLoad {
  rows = 0;
  merged = 0;
  rejected = 0;
  minAt = Infinity;
  maxAt = -Infinity;
  /** a conflicting chunk went through the temporary tables (they exist from then on) */
  fellBack = false;
  private copy: Copy | null = null;
  private pending: Buffer[] = [];
  private pendingRows = 0;
  private limit = FIRST_CHUNK;
  private rejects: ResultReject[] = [];
  private chunks = 0;
  /** each person's latest negative / positive (epoch ms, -Infinity for none) among the accepted rows, while under LATEST_CAP */
  private latest: Map<string, { neg: number; pos: number }> | null = new Map();

  constructor(private readonly client: PoolClient, private readonly tx: Conn, private readonly run: RunRow, private readonly hooks: IngestHooks) {}

  async load(svc: PreventionService, file: string, format: IngestFormat, now: Date): Promise<void> {
    const input = fs.createReadStream(file, { highWaterMark: READ_CHUNK });
    try {
      for await (const b of resultCopyBatches(input, format, new IdHashCache(svc.crypto), this.run.id, now, (h, at, positive) => this.track(h, at, positive))) {
        this.rows += b.rows + b.rejects.length;
        this.rejected += b.rejects.length;
        for (const r of b.rejects) this.rejects.push(r);
        if (!b.rows) {
          if (!this.copy && this.rejects.length >= 1000) await this.flushRejects();
          continue;
        }
        this.minAt = Math.min(this.minAt, b.minAt);
        this.maxAt = Math.max(this.maxAt, b.maxAt);
        if (!this.copy) {
          await this.client.query('savepoint ingest_chunk');
          this.copy = openCopy(this.client, 'prevention_test_results');
        }
        // Kept until the chunk commits to its savepoint: a conflict sends it again through the temporary table.
        this.pending.push(b.data);
        this.pendingRows += b.rows;
        await this.copy.write(b.data);
        if (this.pendingRows >= this.limit) await this.endChunk();
      }
      if (this.copy) await this.endChunk();
      await this.flushRejects();
    } catch (err) {
      await this.copy?.abort();
      input.destroy();
      throw err;
    }
  }

  private track(hash: string, at: number, positive: boolean): void {
    const latest = this.latest;
    if (!latest) return;
    const t = latest.get(hash);
    if (t) {
      if (positive) t.pos = Math.max(t.pos, at);
      else t.neg = Math.max(t.neg, at);
    } else if (latest.size < (this.hooks.latestCap ?? LATEST_CAP)) latest.set(hash, positive ? { neg: -Infinity, pos: at } : { neg: at, pos: -Infinity });
    // Too many people to keep: the update reads the run's rows back from the tables instead.
    else this.latest = null;
  }

  private async endChunk(): Promise<void> {
    const copy = this.copy!;
    this.copy = null;
    const stored = await copy.end().catch((e: unknown) => e);
    if (typeof stored === 'number') {
      await this.client.query('release savepoint ingest_chunk');
      this.merged += stored;
      this.limit = Math.min(this.limit * 2, MAX_CHUNK);
    } else if (isUniqueViolation(stored)) {
      await this.client.query('rollback to savepoint ingest_chunk');
      await this.client.query('release savepoint ingest_chunk');
      this.merged += await this.mergeThroughTemp();
      this.limit = FIRST_CHUNK;
    } else throw stored;
    this.pending = [];
    this.pendingRows = 0;
    await this.flushRejects();
    await this.hooks.afterChunk?.(this.run.id, ++this.chunks);
  }

  /** The chunk through a temporary table: new samples stored, known ones skipped (and remembered for the roster). */
  private async mergeThroughTemp(): Promise<number> {
    if (!this.fellBack) {
      await this.client.query('create temp table ingest_chunk (sample_id text, id_card_hash text, sampled_at timestamptz, result text, institution text, run_id uuid) on commit drop');
      await this.client.query('create temp table ingest_seen (id_card_hash text, neg timestamptz, pos timestamptz) on commit drop');
      this.fellBack = true;
    }
    const copy = openCopy(this.client, 'ingest_chunk');
    for (const data of this.pending) await copy.write(data);
    await copy.end();
    const res = await this.client.query(`insert into prevention_test_results (${RESULT_COPY_COLUMNS}) select ${RESULT_COPY_COLUMNS} from ingest_chunk on conflict (sample_id) do nothing`);
    // Samples already stored still count for the roster, as the staging merge counted them; kept here in case
    // the run outgrows the in-memory latest results.
    await this.client.query(`insert into ingest_seen select id_card_hash, max(sampled_at) filter (where result = 'negative'), max(sampled_at) filter (where result = 'positive') from ingest_chunk group by id_card_hash`);
    await this.client.query('truncate ingest_chunk');
    return res.rowCount ?? 0;
  }

  private async flushRejects(): Promise<void> {
    while (this.rejects.length) {
      const b = this.rejects.splice(0, 1000);
      await this.tx.insert(preventionIngestRejects).values(b.map((r) => ({ runId: this.run.id, lineNo: r.lineNo, reason: r.reason, regionCode: this.run.regionCode }))).onConflictDoNothing();
    }
  }

  /**
   * The latest results into a temporary table, streamed: as statement parameters, 200k people's
   * hashes and times would be tens of megabytes of text built at once.
   */
  private async copyLatest(latest: Map<string, { neg: number; pos: number }>): Promise<void> {
    await this.client.query('create temp table ingest_latest (id_card_hash text, neg timestamptz, pos timestamptz) on commit drop');
    const copy = openCopy(this.client, 'ingest_latest', 'id_card_hash, neg, pos');
    const time = (ms: number) => (ms === -Infinity ? '\\N' : new Date(ms).toISOString());
    let text = '';
    for (const [h, t] of latest) {
      text += `${h}\t${time(t.neg)}\t${time(t.pos)}\n`;
      if (text.length >= 64 * 1024) {
        await copy.write(Buffer.from(text));
        text = '';
      }
    }
    if (text) await copy.write(Buffer.from(text));
    await copy.end();
    // The planner's row count for the join with the roster (an index probe each, or one pass over the roster).
    await this.client.query('analyze ingest_latest');
  }

  /**
   * Each person's latest negative and positive of this run, applied to the roster in one statement:
   * from memory (the usual case: no pass over the results, which other runs' rows of the same days share),
   * or, past LATEST_CAP people, read back from this run's rows and the chunks merged through the temp table.
   */
  async updateRoster(): Promise<void> {
    // greatest() keeps this idempotent: a replayed sample cannot move a person's latest result backwards.
    const update = (rows: SQL) => this.tx.execute(sql`
      update prevention_employees e set
        last_negative_at = greatest(e.last_negative_at, s.neg), last_positive_at = greatest(e.last_positive_at, s.pos), updated_at = now()
      from (${rows}) s
      where e.id_card_hash = s.id_card_hash
        and (s.neg > coalesce(e.last_negative_at, '-infinity') or s.pos > coalesce(e.last_positive_at, '-infinity'))`);
    if (this.latest) {
      if (!this.latest.size) return;
      await this.copyLatest(this.latest);
      this.latest = null;
      await update(sql`select id_card_hash, neg, pos from ingest_latest`);
      return;
    }
    const stored = this.merged > 0
      ? sql`select id_card_hash, case when result = 'negative' then sampled_at end as neg, case when result = 'positive' then sampled_at end as pos
            from prevention_test_results where run_id = ${this.run.id} and sampled_at between ${new Date(this.minAt).toISOString()} and ${new Date(this.maxAt).toISOString()}`
      : null;
    const seen = this.fellBack ? sql`select id_card_hash, neg, pos from ingest_seen` : null;
    if (!stored && !seen) return;
    const rows = stored && seen ? sql`${stored} union all ${seen}` : (stored ?? seen)!;
    await update(sql`select id_card_hash, max(neg) as neg, max(pos) as pos from (${rows}) x group by id_card_hash`);
  }
}

/** Loads and completes one run of PCR-test results on PostgreSQL (see the comment at the top). */
export async function ingestTestResultsPg(svc: PreventionService, pool: Pool, actor: AuditActor, run: RunRow, file: string, format: IngestFormat, hooks: IngestHooks, now: Date): Promise<RunRow> {
  const client = await pool.connect();
  let broken = false;
  try {
    // Drizzle over this one client, so the COPY streams and the statements share the transaction.
    const db = drizzle(client, { schema, casing: 'snake_case' });
    return await db.transaction(async (tx) => {
      const load = new DirectLoad(client, tx, run, hooks);
      await load.load(svc, file, format, now);
      // The crash point the tests use: everything is loaded, nothing is committed.
      await hooks.beforeMerge?.(run.id);
      await load.updateRoster();
      const accepted = load.rows - load.rejected;
      const [done] = await tx
        .update(preventionIngestRuns)
        .set({ status: 'completed', rows: load.rows, merged: load.merged, duplicates: accepted - load.merged, rejected: load.rejected, finishedAt: new Date() })
        .where(eq(preventionIngestRuns.id, run.id))
        .returning();
      await recordAudit(tx, actor, { action: 'prevention.ingest.test_results', targetType: 'prevention_ingest_run', targetId: run.id, regionCode: run.regionCode, detail: { rows: load.rows, merged: load.merged, rejected: load.rejected, sha256: run.sha256 } });
      return done!;
    });
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    // A failed run may have left the connection mid-protocol: it is closed rather than reused.
    client.release(broken);
  }
}
