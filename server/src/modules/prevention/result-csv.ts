import { checkCells, checkedRow, str, TEST_RESULT_HEADER, type IdHasher, type RawRow } from './result-check.js';

/**
 * A streaming reader for PCR-test result files that turns each input record straight into a line of
 * COPY text for prevention_test_results. It scans the decoded text of each input chunk with indexOf
 * and splits plain lines with split(','): no object per cell and no per-row parser state (csv-parse
 * costs about 10 µs a row, more than everything else the ingest does in JavaScript). Lines holding a
 * quote go through a small RFC 4180 scanner (quoted commas, doubled quotes, line breaks in a field).
 */

/** COPY text format: backslash, tab and newlines escaped. */
export function copyField(v: string): string {
  if (!/[\\\t\n\r]/.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** The column order of the COPY text the reader produces. */
export const RESULT_COPY_COLUMNS = 'sample_id, id_card_hash, sampled_at, result, institution, run_id';

export interface ResultReject { lineNo: number; reason: string }
/** Sees every accepted row (the roster update's input), without keeping the row. */
export type TrackRow = (idCardHash: string, at: number, positive: boolean) => void;

/** What one input chunk produced: COPY lines for the rows that passed, and the rejected ones. */
export interface ResultBatch {
  /** the rows' COPY text, UTF-8 */
  data: Buffer;
  rows: number;
  rejects: ResultReject[];
  /** earliest and latest sampled_at (epoch ms) among `rows`; the roster update reads only that range */
  minAt: number;
  maxAt: number;
}

const NOT_JSON = '不是有效的 JSON 对象 not a JSON object';
const MALFORMED = 'CSV 格式错误（引号未闭合） malformed CSV (unclosed quote)';

type Fields = [sampleId: number, idCard: number, sampledAt: number, result: number, institution: number];
const FIELD_ORDER: (keyof RawRow)[] = ['sampleId', 'idCard', 'sampledAt', 'result', 'institution'];

/** Whether s[from, to) holds only white space (a blank line is skipped, as it always was). */
function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return c > 127 ? !s.slice(from, to).trim() : false;
  }
  return true;
}

/** One quoted record from `pos`: its cells, where it ends and how many line breaks it spans; null when the text ends inside it. */
function scanQuoted(s: string, pos: number, final: boolean): { cells: string[]; next: number; breaks: number; malformed: boolean } | null {
  const cells: string[] = [];
  let cell = '';
  let i = pos;
  let breaks = 0;
  for (;;) {
    if (i < s.length && s.charCodeAt(i) === 34 /* " */) {
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q === -1) {
          if (!final) return null;
          // An unclosed quote swallows the rest of the file: one reject, not a failed run.
          for (let k = i; k < s.length; k++) if (s.charCodeAt(k) === 10) breaks++;
          return { cells, next: s.length, breaks, malformed: true };
        }
        const part = s.slice(i, q);
        for (let k = part.indexOf('\n'); k !== -1; k = part.indexOf('\n', k + 1)) breaks++;
        cell += part;
        if (s.charCodeAt(q + 1) === 34) {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    // Unquoted text (or what follows a closing quote, kept as written) up to the next comma or line end.
    let j = i;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 44 || c === 10) break;
      j++;
    }
    if (j === s.length && !final) return null;
    cell += s.slice(i, j);
    if (j < s.length && s.charCodeAt(j) === 44) {
      cells.push(cell);
      cell = '';
      i = j + 1;
      continue;
    }
    cells.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
    return { cells, next: j < s.length ? j + 1 : j, breaks: breaks + (j < s.length ? 1 : 0), malformed: false };
  }
}

const emptyBatch = (): ResultBatch => ({ data: EMPTY, rows: 0, rejects: [], minAt: Infinity, maxAt: -Infinity });
const EMPTY = Buffer.alloc(0);

/** Checked rows to COPY text; one per file. Methods, not closures: nothing is allocated per row beyond the cells. */
class CopyWriter {
  batch = emptyBatch();
  /** the file column of each field (sample id, ID card, time, result, institution), -1 when absent */
  cols: Fields | null;
  /** file column → field slot, for the plain-line path */
  private slots: number[] = [];
  private readonly vals = ['', '', '', '', ''];
  private readonly row = checkedRow();
  private readonly suffix: string;
  private lastInstitution = '';
  private lastInstitutionCopy = '';
  /**
   * The batch's COPY text is encoded row by row into this reused buffer: a whole batch as one string
   * would be a large object on the V8 heap, kept until a full collection, once per input chunk.
   */
  private out = Buffer.allocUnsafe(256 * 1024);
  private used = 0;

  constructor(private readonly ids: IdHasher, runId: string, private readonly nowMs: number, json: boolean, private readonly track: TrackRow | undefined) {
    this.suffix = `\t${runId}\n`;
    this.cols = json ? [0, 1, 2, 3, 4] : null;
  }

  header(cells: string[]): void {
    const idx: number[] = FIELD_ORDER.map(() => -1);
    this.slots = cells.map(() => -1);
    cells.forEach((h, i) => {
      const f = TEST_RESULT_HEADER[h.trim().toLowerCase()];
      if (!f) return;
      const slot = FIELD_ORDER.indexOf(f);
      idx[slot] = i;
      this.slots[i] = slot;
    });
    // A column named twice: the last one wins, as it did with an object per row.
    this.slots = this.slots.map((slot, i) => (slot >= 0 && idx[slot] === i ? slot : -1));
    this.cols = idx as Fields;
  }

  /** A record already split into cells (quoted lines, JSON lines). */
  cells(cells: string[], lineNo: number): void {
    const c = this.cols!;
    for (let k = 0; k < 5; k++) {
      const i = c[k]!;
      this.vals[k] = i >= 0 && i < cells.length ? cells[i]!.trim() : '';
    }
    this.check(lineNo);
  }

  /** A line without quotes, cut into the wanted cells straight from the chunk's text. */
  plain(s: string, from: number, to: number, lineNo: number): void {
    const vals = this.vals;
    const slots = this.slots;
    vals[0] = vals[1] = vals[2] = vals[3] = vals[4] = '';
    let start = from;
    for (let k = 0; k < slots.length; k++) {
      let end = s.indexOf(',', start);
      if (end === -1 || end > to) end = to;
      const slot = slots[k]!;
      if (slot >= 0) vals[slot] = s.slice(start, end).trim();
      if (end === to) break;
      start = end + 1;
    }
    this.check(lineNo);
  }

  private check(lineNo: number): void {
    const v = this.vals;
    const r = this.row;
    const b = this.batch;
    const reason = checkCells(r, this.ids, this.nowMs, v[0]!, v[1]!, v[2]!, v[3]!, v[4]!);
    if (reason !== null) {
      b.rejects.push({ lineNo, reason });
      return;
    }
    // Files come from one institution at a time: its escaped name is worked out once.
    if (r.institution !== this.lastInstitution) {
      this.lastInstitution = r.institution;
      this.lastInstitutionCopy = copyField(r.institution);
    }
    this.track?.(r.idCardHash, r.at, r.result === 'positive');
    if (r.at < b.minAt) b.minAt = r.at;
    if (r.at > b.maxAt) b.maxAt = r.at;
    const line = `${copyField(r.sampleId)}\t${r.idCardHash}\t${r.atText}\t${r.result}\t${this.lastInstitutionCopy}${this.suffix}`;
    // Three bytes per UTF-16 unit is the most UTF-8 can take.
    if (this.used + line.length * 3 > this.out.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.used + line.length * 3));
      this.out.copy(bigger, 0, 0, this.used);
      this.out = bigger;
    }
    this.used += this.out.write(line, this.used, 'utf8');
    b.rows++;
  }

  json(text: string, lineNo: number): void {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      this.batch.rejects.push({ lineNo, reason: NOT_JSON });
      return;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.batch.rejects.push({ lineNo, reason: NOT_JSON });
      return;
    }
    const raw: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      const f = TEST_RESULT_HEADER[k.toLowerCase()];
      if (f) raw[f] = val;
    }
    this.cells(FIELD_ORDER.map((f) => str(raw[f])), lineNo);
  }

  reject(lineNo: number, reason: string): void {
    this.batch.rejects.push({ lineNo, reason });
  }

  take(): ResultBatch {
    const b = this.batch;
    // A copy of just the rows: the caller may keep it (until its chunk is committed), the buffer is reused.
    if (this.used) b.data = Buffer.from(this.out.subarray(0, this.used));
    this.used = 0;
    this.batch = emptyBatch();
    return b;
  }
}

/**
 * The file as batches of COPY text, one batch per input chunk. Line numbers are the file's physical
 * lines (1-based, the header is line 1) of each record's first line, as the rejects report shows them.
 */
export async function* resultCopyBatches(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, format: 'csv' | 'jsonl', ids: IdHasher, runId: string, now: Date, track?: TrackRow): AsyncGenerator<ResultBatch> {
  // TextDecoder drops a leading BOM and keeps multi-byte characters split across chunks whole.
  const decoder = new TextDecoder('utf-8');
  const w = new CopyWriter(ids, runId, now.getTime(), format === 'jsonl', track);
  let rest = '';
  let line = 0;

  const scan = (final: boolean) => {
    const s = rest;
    let pos = 0;
    // Where the next quote is: searched again only once passed, so plain files cost one search per chunk.
    let quote = format === 'csv' ? s.indexOf('"') : -1;
    while (pos < s.length) {
      if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
      const nl = s.indexOf('\n', pos);
      if (nl === -1 && !final) break;
      const end = nl === -1 ? s.length : nl;
      if (quote === -1 || quote >= end) {
        line++;
        const to = s.charCodeAt(end - 1) === 13 && end > pos ? end - 1 : end;
        const from = pos;
        pos = end + 1;
        if (isBlank(s, from, to)) continue;
        if (format === 'jsonl') w.json(s.slice(from, to), line);
        else if (!w.cols) w.header(s.slice(from, to).split(','));
        else w.plain(s, from, to, line);
        continue;
      }
      const q = scanQuoted(s, pos, final);
      if (!q) break;
      const lineNo = line + 1;
      line += Math.max(q.breaks, 1);
      pos = q.next;
      if (q.malformed) w.reject(lineNo, MALFORMED);
      else if (!w.cols) w.header(q.cells);
      else w.cells(q.cells, lineNo);
    }
    rest = pos >= s.length ? '' : s.slice(pos);
  };

  let first = true;
  for await (const chunk of input) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    // Text chunks (tests, the machine API's string bodies) keep their BOM: drop it here too.
    if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
    first = false;
    scan(false);
    if (w.batch.rows || w.batch.rejects.length) yield w.take();
  }
  rest += decoder.decode();
  scan(true);
  if (w.batch.rows || w.batch.rejects.length) yield w.take();
}
