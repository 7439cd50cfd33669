import { checkCells, str, TEST_RESULT_HEADER, type IdHashCache, type RawRow } from './result-check.js';

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

/** What one input chunk produced: COPY lines for the rows that passed, and the rejected ones. */
export interface ResultBatch {
  text: string;
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

/**
 * The file as batches of COPY text, one batch per input chunk. Line numbers are the file's physical
 * lines (1-based, the header is line 1) of each record's first line, as the rejects report shows them.
 */
export async function* resultCopyBatches(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, format: 'csv' | 'jsonl', ids: IdHashCache, runId: string, now: Date): AsyncGenerator<ResultBatch> {
  // TextDecoder drops a leading BOM and keeps multi-byte characters split across chunks whole.
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let line = 0;
  let cols: Fields | null = format === 'jsonl' ? [0, 1, 2, 3, 4] : null;
  let batch: ResultBatch = { text: '', rows: 0, rejects: [], minAt: Infinity, maxAt: -Infinity };
  let lastInstitution = '';
  let lastInstitutionCopy = '';
  const suffix = `\t${runId}\n`;

  const record = (cells: string[], lineNo: number) => {
    if (!cols) {
      const idx: number[] = FIELD_ORDER.map(() => -1);
      cells.forEach((h, i) => {
        const f = TEST_RESULT_HEADER[h.trim().toLowerCase()];
        if (f) idx[FIELD_ORDER.indexOf(f)] = i;
      });
      cols = idx as Fields;
      return;
    }
    const cell = (i: number) => (i >= 0 && i < cells.length ? cells[i]!.trim() : '');
    const r = checkCells(ids, lineNo, now, cell(cols[0]), cell(cols[1]), cell(cols[2]), cell(cols[3]), cell(cols[4]));
    if (typeof r === 'string') {
      batch.rejects.push({ lineNo, reason: r });
      return;
    }
    // Files come from one institution at a time: its escaped name is worked out once.
    if (r.institution !== lastInstitution) {
      lastInstitution = r.institution;
      lastInstitutionCopy = copyField(r.institution);
    }
    const at = r.sampledAt.getTime();
    if (at < batch.minAt) batch.minAt = at;
    if (at > batch.maxAt) batch.maxAt = at;
    batch.text += `${copyField(r.sampleId)}\t${r.idCardHash}\t${r.sampledAt.toISOString()}\t${r.result}\t${lastInstitutionCopy}${suffix}`;
    batch.rows++;
  };

  const jsonRecord = (text: string, lineNo: number) => {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      batch.rejects.push({ lineNo, reason: NOT_JSON });
      return;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      batch.rejects.push({ lineNo, reason: NOT_JSON });
      return;
    }
    const raw: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      const f = TEST_RESULT_HEADER[k.toLowerCase()];
      if (f) raw[f] = val;
    }
    record(FIELD_ORDER.map((f) => str(raw[f])), lineNo);
  };

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
        const text = s.charCodeAt(end - 1) === 13 ? s.slice(pos, end - 1) : s.slice(pos, end);
        pos = end + 1;
        if (!text.trim()) continue;
        if (format === 'jsonl') jsonRecord(text, line);
        else record(text.split(','), line);
        continue;
      }
      const q = scanQuoted(s, pos, final);
      if (!q) break;
      const lineNo = line + 1;
      line += Math.max(q.breaks, 1);
      pos = q.next;
      if (q.malformed) batch.rejects.push({ lineNo, reason: MALFORMED });
      else record(q.cells, lineNo);
    }
    rest = pos >= s.length ? '' : s.slice(pos);
  };

  const take = () => {
    const b = batch;
    batch = { text: '', rows: 0, rejects: [], minAt: Infinity, maxAt: -Infinity };
    return b;
  };

  let first = true;
  for await (const chunk of input) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    // Text chunks (tests, the machine API's string bodies) keep their BOM: drop it here too.
    if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
    first = false;
    scan(false);
    if (batch.rows || batch.rejects.length) yield take();
  }
  rest += decoder.decode();
  scan(true);
  if (batch.rows || batch.rejects.length) yield take();
}
