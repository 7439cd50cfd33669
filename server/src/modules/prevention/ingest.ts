import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseSync } from 'csv-parse/sync';
import { from as copyFrom } from 'pg-copy-streams';
import type { Pool } from 'pg';
import { and, eq, sql } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/service.js';
import { recordAudit } from '../../platform/audit/service.js';
import type { Conn } from '../../platform/db/index.js';
import type { PreventionService } from './service.js';
import { checkRow, TEST_RESULT_HEADER, type RawRow, type StagedRow } from './result-check.js';
import { copyField } from './result-csv.js';
import { ingestTestResultsPg } from './ingest-pg.js';
import { preventionIngestRejects, preventionIngestRuns, preventionIngestStaging } from './tables.js';

export type IngestFormat = 'csv' | 'jsonl';
export type RunRow = typeof preventionIngestRuns.$inferSelect;
export const INGEST_KIND_NAMES = ['test_results', 'venue_scans', 'drug_purchases'] as const;
export type IngestKindName = (typeof INGEST_KIND_NAMES)[number];
/** A record of the file: its fields renamed to the kind's field names through `header`. */
export type RawRecord = Record<string, unknown>;

/**
 * What one kind of ingest brings to the shared pipeline (spool, stream, check, stage, merge, rejects,
 * crash-safe runs): how its columns are named, how a row is checked and transformed, how it is staged
 * (COPY on PostgreSQL, batched inserts on PGlite) and the SQL that merges a run idempotently.
 */
export interface IngestKind<Row extends { lineNo: number }> {
  name: IngestKindName;
  /** header (lower-cased, English or Chinese) → field name */
  header: Record<string, string>;
  /** the checked row, or the reject reason; `area` is the run's region (a row may name a place within it) */
  check(svc: PreventionService, raw: RawRecord, lineNo: number, now: Date, area: RunArea): Row | string;
  stagingTable: string;
  /** the staging columns in COPY order, run_id and line_no first */
  copyColumns: string;
  /** the row's COPY text fields after run_id and line_no (already escaped with copyField) */
  copyFields(row: Row): string[];
  insertStaged(conn: Conn, runId: string, rows: Row[]): Promise<void>;
  /** merges the run's staged rows in the run's transaction; answers how many were new */
  merge(tx: Conn, run: RunRow, now: Date): Promise<number>;
}

/** The run's region as a row check sees it: the uploader's (or the API key's) region and its subtree. */
export interface RunArea {
  regionCode: string;
  /** whether a region code is a known region within the run's region (the region itself included) */
  covers(code: string): boolean;
}

/** The run's area; its subtree is made a set once, on the first row that asks. */
export function runArea(svc: PreventionService, regionCode: string): RunArea {
  let codes: Set<string> | null = null;
  return { regionCode, covers: (code) => (codes ??= new Set(svc.regions.subtree(regionCode))).has(code) };
}

export interface IngestSource {
  stream: Readable;
  format: IngestFormat;
  fileName: string | null;
  source: 'api' | 'upload';
  regionCode: string;
  apiKeyId: string | null;
}

/** Test hooks: make the process "die" at a chosen point, to prove a re-run completes the run. */
export interface IngestHooks {
  beforeMerge?: (runId: string) => Promise<void>;
  /** PostgreSQL test results only: after each chunk is in (the transaction still open) */
  afterChunk?: (runId: string, chunk: number) => Promise<void>;
  /** PostgreSQL test results only: people whose latest results are kept in memory (tests force the other path) */
  latestCap?: number;
}

/** Copies the upload to a temporary file while hashing it: the file is never held in memory. */
async function spool(stream: Readable): Promise<{ file: string; sha256: string; bytes: number }> {
  const file = path.join(os.tmpdir(), `sibao-ingest-${crypto.randomUUID()}`);
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(stream, tap, fs.createWriteStream(file));
  return { file, sha256: hash.digest('hex'), bytes };
}

/** The file's records as objects with their 1-based line numbers, streamed. */
async function* records(file: string, format: IngestFormat, HEADER: Record<string, string>): AsyncGenerator<{ lineNo: number; raw: RawRecord | null }> {
  if (format === 'jsonl') {
    const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    let n = 0;
    for await (const line of rl) {
      n++;
      if (!line.trim()) continue;
      try {
        const v: unknown = JSON.parse(line);
        if (typeof v !== 'object' || v === null || Array.isArray(v)) yield { lineNo: n, raw: null };
        else {
          const o = v as Record<string, unknown>;
          const raw: RawRecord = {};
          for (const [k, val] of Object.entries(o)) {
            const f = HEADER[k.toLowerCase()];
            if (f) raw[f] = val;
          }
          yield { lineNo: n, raw };
        }
      } catch {
        yield { lineNo: n, raw: null };
      }
    }
    return;
  }
  // Institutions' files are almost always plain lines; those are split directly (csv-parse costs
  // ~10 µs a row, which alone would halve the ingest rate). A line with a quote goes to csv-parse.
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  let header: (string | null)[] | null = null;
  for await (const raw of rl) {
    n++;
    const line = n === 1 ? raw.replace(/^\ufeff/, '') : raw;
    if (!line.trim()) continue;
    const cells = line.includes('"') ? ((parseSync(line, { relax_column_count: true }) as string[][])[0] ?? []) : line.split(',');
    if (!header) {
      header = cells.map((h) => HEADER[h.trim().toLowerCase()] ?? null);
      continue;
    }
    const rec: RawRecord = {};
    header.forEach((f, i) => {
      if (f) rec[f] = cells[i];
    });
    yield { lineNo: n, raw: rec };
  }
}

export { copyField };
export { parseTime, str, type StagedRow } from './result-check.js';

interface Loader<Row> { add(row: Row): Promise<void>; reject(lineNo: number, reason: string): Promise<void>; finish(): Promise<void>; abort?: () => void }

/** Rejects go in batches through Drizzle on both databases (they are few). */
function rejectBuffer(conn: Conn, runId: string, regionCode: string) {
  let buf: (typeof preventionIngestRejects.$inferInsert)[] = [];
  const flush = async () => {
    if (!buf.length) return;
    const b = buf;
    buf = [];
    await conn.insert(preventionIngestRejects).values(b).onConflictDoNothing();
  };
  return {
    add: async (lineNo: number, reason: string) => {
      buf.push({ runId, lineNo, reason, regionCode });
      if (buf.length >= 1000) await flush();
    },
    flush,
  };
}

/** PGlite: batched inserts into the same staging table. */
function batchLoader<Row extends { lineNo: number }>(kind: IngestKind<Row>, conn: Conn, runId: string, regionCode: string): Loader<Row> {
  let buf: Row[] = [];
  const rejects = rejectBuffer(conn, runId, regionCode);
  const flush = async () => {
    if (!buf.length) return;
    const b = buf;
    buf = [];
    await kind.insertStaged(conn, runId, b);
  };
  return {
    add: async (r) => {
      buf.push(r);
      if (buf.length >= 2000) await flush();
    },
    reject: rejects.add,
    finish: async () => {
      await flush();
      await rejects.flush();
    },
  };
}

/** PostgreSQL: one COPY stream into the staging table, honouring back-pressure. */
async function copyLoader<Row extends { lineNo: number }>(kind: IngestKind<Row>, conn: Conn, pool: Pool, runId: string, regionCode: string): Promise<Loader<Row>> {
  const client = await pool.connect();
  const stream = client.query(copyFrom(`COPY ${kind.stagingTable} (${kind.copyColumns}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  // Without a listener an early COPY error would be an unhandled rejection; it surfaces in finish().
  done.catch(() => undefined);
  const rejects = rejectBuffer(conn, runId, regionCode);
  let chunk = '';
  const write = async (s: string) => {
    if (!stream.write(s)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  return {
    add: async (r) => {
      chunk += `${runId}\t${r.lineNo}\t${kind.copyFields(r).join('\t')}\n`;
      if (chunk.length >= 256 * 1024) {
        const c = chunk;
        chunk = '';
        await write(c);
      }
    },
    reject: rejects.add,
    finish: async () => {
      try {
        if (chunk) await write(chunk);
        stream.end();
        await done;
        await rejects.flush();
      } finally {
        client.release();
      }
    },
    abort: () => {
      stream.destroy();
      client.release(true);
    },
  };
}

function poolOf(conn: Conn): Pool {
  return (conn as unknown as { $client: Pool }).$client;
}

/**
 * One ingest of one kind. The file is spooled to disk and hashed; a file already ingested returns
 * its run (nothing twice); a run left unfinished by a crash is redone from its staging step. Rows
 * are checked and loaded into the kind's staging table (COPY on PostgreSQL), then merged in one
 * transaction (the kind's idempotent merge) that also completes the run.
 */
export async function ingest<Row extends { lineNo: number }>(svc: PreventionService, kind: IngestKind<Row>, actor: AuditActor, src: IngestSource, hooks: IngestHooks = {}, now = new Date()): Promise<{ run: RunRow; replayed: boolean }> {
  const spooled = await spool(src.stream);
  try {
    const existing = (await svc.db.select().from(preventionIngestRuns).where(and(eq(preventionIngestRuns.kind, kind.name), eq(preventionIngestRuns.sha256, spooled.sha256))))[0];
    if (existing?.status === 'completed') return { run: existing, replayed: true };
    let run: RunRow;
    if (existing) {
      // A crashed or failed run of the same file: start its staging again from scratch.
      await clearStaging(svc.db, kind, existing.id);
      await svc.db.delete(preventionIngestRejects).where(eq(preventionIngestRejects.runId, existing.id));
      [run] = await svc.db.update(preventionIngestRuns).set({ status: 'running', error: null, startedAt: now, finishedAt: null }).where(eq(preventionIngestRuns.id, existing.id)).returning() as [RunRow];
    } else {
      const inserted = await svc.db.insert(preventionIngestRuns).values({ kind: kind.name, source: src.source, format: src.format, fileName: src.fileName, sha256: spooled.sha256, bytes: spooled.bytes, regionCode: src.regionCode, createdBy: actor.name, apiKeyId: src.apiKeyId, startedAt: now }).onConflictDoNothing().returning();
      if (!inserted[0]) throw new Error('the same file is being ingested right now');
      run = inserted[0];
    }
    try {
      // PCR-test results on PostgreSQL skip the staging table (ingest-pg.ts); the other kinds and PGlite stage and merge.
      const done = svc.dbKind === 'postgres' && kind.name === 'test_results'
        ? await ingestTestResultsPg(svc, poolOf(svc.db), actor, run, spooled.file, src.format, hooks, now)
        : await loadAndMerge(svc, kind, actor, run, spooled.file, src.format, hooks, now);
      return { run: done, replayed: false };
    } catch (err) {
      await svc.db.update(preventionIngestRuns).set({ status: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err) }).where(eq(preventionIngestRuns.id, run.id));
      throw err;
    }
  } finally {
    await fs.promises.rm(spooled.file, { force: true });
  }
}

function clearStaging(conn: Conn, kind: { stagingTable: string }, runId: string) {
  return conn.execute(sql`delete from ${sql.identifier(kind.stagingTable)} where run_id = ${runId}`);
}

async function loadAndMerge<Row extends { lineNo: number }>(svc: PreventionService, kind: IngestKind<Row>, actor: AuditActor, run: RunRow, file: string, format: IngestFormat, hooks: IngestHooks, now: Date): Promise<RunRow> {
  const loader = svc.dbKind === 'postgres' ? await copyLoader(kind, svc.db, poolOf(svc.db), run.id, run.regionCode) : batchLoader(kind, svc.db, run.id, run.regionCode);
  const area = runArea(svc, run.regionCode);
  let rows = 0;
  let rejected = 0;
  try {
    for await (const { lineNo, raw } of records(file, format, kind.header)) {
      rows++;
      const r = raw ? kind.check(svc, raw, lineNo, now, area) : '不是有效的 JSON 对象 not a JSON object';
      if (typeof r === 'string') {
        rejected++;
        await loader.reject(lineNo, r);
      } else await loader.add(r);
    }
    await loader.finish();
  } catch (err) {
    loader.abort?.();
    throw err;
  }
  await hooks.beforeMerge?.(run.id);
  return svc.db.transaction(async (tx) => {
    const n = await kind.merge(tx, run, now);
    await clearStaging(tx, kind, run.id);
    const accepted = rows - rejected;
    const [done] = await tx
      .update(preventionIngestRuns)
      .set({ status: 'completed', rows, merged: n, duplicates: accepted - n, rejected, finishedAt: new Date() })
      .where(eq(preventionIngestRuns.id, run.id))
      .returning();
    await recordAudit(tx, actor, { action: `prevention.ingest.${kind.name}`, targetType: 'prevention_ingest_run', targetId: run.id, regionCode: run.regionCode, detail: { rows, merged: n, rejected, sha256: run.sha256 } });
    return done!;
  });
}

/** The count a `with ins as (… returning 1) select count(*)::int as n from ins` answers. */
export function countOf(res: unknown): number {
  return (res as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

/**
 * PCR-test results: everything specific to them (columns, checks, staging, merge SQL) is here, so
 * tuning their hot path stays local to this descriptor.
 */
export const TEST_RESULTS: IngestKind<StagedRow> = {
  name: 'test_results',
  header: TEST_RESULT_HEADER,
  check: (svc, raw, lineNo, now) => checkRow(svc.crypto, raw as RawRow, lineNo, now),
  stagingTable: 'prevention_ingest_staging',
  copyColumns: 'run_id, line_no, sample_id, id_card_hash, sampled_at, result, institution',
  copyFields: (r) => [copyField(r.sampleId), r.idCardHash, r.sampledAt.toISOString(), r.result, copyField(r.institution)],
  insertStaged: async (conn, runId, rows) => {
    await conn.insert(preventionIngestStaging).values(rows.map((r) => ({ runId, ...r })));
  },
  merge: async (tx, run) => {
    // One INSERT … SELECT; the row count comes from the command tag (a RETURNING + count() would add a pass over it).
    const merged = (await tx.execute(sql`
      insert into prevention_test_results (sample_id, id_card_hash, sampled_at, result, institution, run_id)
      select sample_id, id_card_hash, sampled_at, result, institution, run_id
      from prevention_ingest_staging where run_id = ${run.id}
      on conflict (sample_id) do nothing`)) as unknown as { rowCount?: number | null; affectedRows?: number };
    const n = Number(merged.rowCount ?? merged.affectedRows ?? 0);
    // max() makes this idempotent: a replayed sample cannot move a person's latest result backwards.
    await tx.execute(sql`
      update prevention_employees e set
        last_negative_at = greatest(e.last_negative_at, s.neg), last_positive_at = greatest(e.last_positive_at, s.pos), updated_at = now()
      from (select id_card_hash, max(sampled_at) filter (where result = 'negative') as neg, max(sampled_at) filter (where result = 'positive') as pos
            from prevention_ingest_staging where run_id = ${run.id} group by id_card_hash) s
      where e.id_card_hash = s.id_card_hash
        and (s.neg > coalesce(e.last_negative_at, '-infinity') or s.pos > coalesce(e.last_positive_at, '-infinity'))`);
    return n;
  },
};

/** One ingest of PCR-test results (the original entry point, kept for callers and the benchmark). */
export function ingestTestResults(svc: PreventionService, actor: AuditActor, src: IngestSource, hooks: IngestHooks = {}, now = new Date()): Promise<{ run: RunRow; replayed: boolean }> {
  return ingest(svc, TEST_RESULTS, actor, src, hooks, now);
}
