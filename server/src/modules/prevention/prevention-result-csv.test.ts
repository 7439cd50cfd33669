import { describe, expect, it } from 'vitest';
import { createFieldCrypto } from '../../platform/crypto.js';
import { checkRow, IdHashCache, parseTime, readTime } from './result-check.js';
import { resultCopyBatches, type ResultBatch } from './result-csv.js';
import { idCard } from './testdata.js';

// A pure test of the reader: no database. The COPY text is checked column by column.
const crypto = createFieldCrypto('1'.repeat(64));
const RUN = '00000000-0000-4000-8000-000000000001';
const NOW = new Date('2022-05-10T12:00:00Z');
const A = idCard();
const B = idCard('410204');

async function read(input: (string | Buffer)[], format: 'csv' | 'jsonl' = 'csv', ids = new IdHashCache(crypto)) {
  const batches: ResultBatch[] = [];
  for await (const b of resultCopyBatches(input, format, ids, RUN, NOW)) batches.push(b);
  const lines = batches.flatMap((b) => b.data.toString().split('\n').filter(Boolean).map((l) => l.split('\t')));
  return { lines, rejects: batches.flatMap((b) => b.rejects), rows: batches.reduce((n, b) => n + b.rows, 0), batches };
}

describe('test-result CSV to COPY text', () => {
  it('turns plain lines into COPY rows: hashed ID, UTC time, normalised result, the run id', async () => {
    const { lines, rejects } = await read([`sample_id,id_card,sampled_at,result,institution\nS1,${A},2022-05-10 08:00,阴性,开封市疾控中心\nS2,${B.toLowerCase()},2022-05-10T01:00:00Z,POSITIVE,金域\n`]);
    expect(rejects).toEqual([]);
    expect(lines).toEqual([
      ['S1', crypto.lookupHash(A), '2022-05-10 08:00+08', 'negative', '开封市疾控中心', RUN],
      ['S2', crypto.lookupHash(B), '2022-05-10T01:00:00Z', 'positive', '金域', RUN],
    ]);
  });

  it('reads Chinese headers in any column order, a BOM and CRLF line ends', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const body = Buffer.from(`检测机构,采样时间,身份证号,检测结果,样本编号\r\n开封市疾控中心,2022-05-09 20:00:00,${A},阴性,S3\r\n`);
    const { lines } = await read([bom, body]);
    expect(lines).toEqual([['S3', crypto.lookupHash(A), '2022-05-09 20:00:00+08', 'negative', '开封市疾控中心', RUN]]);
    // A text chunk with a BOM (a string body) reads the same.
    expect((await read([`\ufeff样本号,证件号码,采样时间,结果,检测机构\nS3,${A},2022-05-09 20:00:00,阴性,开封市疾控中心\n`])).lines).toEqual(lines);
  });

  it('reads quoted fields: commas, doubled quotes, line breaks, and escapes them for COPY', async () => {
    const csv = `"sample_id","id_card",sampled_at,result,institution\n"S4",${A},2022-05-10 08:00,阴性,"开封市""金域"",检验所"\n"S5\tx",${A},2022-05-10 08:00,阴性,"第一行\n第二行\\"\nS6,bad,2022-05-10 08:00,阴性,x\n`;
    const { lines, rejects } = await read([csv]);
    expect(lines.map((l) => [l[0], l[4]])).toEqual([['S4', '开封市"金域",检验所'], ['S5\\tx', '第一行\\n第二行\\\\']]);
    // The record after a two-line field keeps the file's own line number.
    expect(rejects).toEqual([{ lineNo: 5, reason: expect.stringContaining('invalid id_card') }]);
  });

  it('reads the same whatever the chunk boundaries (split characters, quotes, line ends)', async () => {
    const csv = `样本编号,身份证号,采样时间,检测结果,检测机构\r\n${Array.from({ length: 40 }, (_, i) => `"T${i}",${i % 2 ? A : B},2022-05-10 0${i % 10}:00,${i % 3 ? '阴性' : '阳性'},"开封,市"\r\n`).join('')}`;
    const whole = await read([csv]);
    const bytes = Buffer.from(csv);
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.subarray(i, i + 7));
    const split = await read(pieces);
    expect(whole.lines).toHaveLength(40);
    expect(split.lines).toEqual(whole.lines);
  });

  it('rejects bad rows with their line numbers and reasons, keeping the good ones', async () => {
    const csv = [
      'sample_id,id_card,sampled_at,result,institution',
      `,${A},2022-05-10 08:00,阴性,x`,
      `S7,${A.slice(0, 17)}${A.endsWith('0') ? '1' : '0'},2022-05-10 08:00,阴性,x`,
      '',
      `S8,${A},yesterday,阴性,x`,
      `S9,${A},2022-05-11 08:00,阴性,x`,
      `S10,${A},2022-05-10 08:00,unknown,x`,
      `S11,${A},2022-05-10 08:00,阴性,`,
      `S12,${A},2022-05-10 08:00,neg,x`,
      `S\u0000,${A},2022-05-10 08:00,阴性,x`,
      `S13,${A},2022-05-10 08:00,阴性,"no end`,
    ].join('\n');
    const { lines, rejects, rows } = await read([csv]);
    expect(rows).toBe(1);
    expect(lines[0]![0]).toBe('S12');
    expect(rejects.map((r) => [r.lineNo, r.reason.split(' ').pop()])).toEqual([
      [2, 'long'], [3, 'id_card'], [5, 'sampled_at'], [6, 'future'], [7, 'result'], [8, 'missing'], [10, 'character'], [11, 'quote)'],
    ]);
  });

  it('reads JSON lines through the same checks', async () => {
    const ok = JSON.stringify({ sample_id: 'J1', ID_Card: A, sampled_at: '2022-05-10 08:00', result: '阴性', institution: '金域', extra: 1 });
    const { lines, rejects } = await read([`${ok}\n\nnot json\n[1]\n`], 'jsonl');
    expect(lines).toEqual([['J1', crypto.lookupHash(A), '2022-05-10 08:00+08', 'negative', '金域', RUN]]);
    expect(rejects.map((r) => r.lineNo)).toEqual([3, 4]);
  });
});

describe('row checks and the ID hash cache', () => {
  it('reads times strictly, local ones as Asia/Shanghai, and gives PostgreSQL the same instant', () => {
    const ms = (v: string) => readTime(v).ms;
    expect(ms('2022-05-10 08:00')).toBe(Date.parse('2022-05-10T00:00:00Z'));
    expect(ms('2022-05-10T08:00:30.5')).toBe(Date.parse('2022-05-10T00:00:30.500Z'));
    expect(ms('2022-05-10T08:00:00+0800')).toBe(Date.parse('2022-05-10T00:00:00Z'));
    expect(ms('2022-05-10T08:00:00-05:30')).toBe(Date.parse('2022-05-10T13:30:00Z'));
    expect(ms('2022-05-10T08:00:00.123456Z')).toBe(Date.parse('2022-05-10T08:00:00.123Z'));
    expect(readTime('2022-05-10T08:00:00.123456Z').text).toBe('2022-05-10T08:00:00.123Z');
    expect(ms('2024-02-29 10:00')).not.toBeNaN();
    for (const bad of ['2022-02-30 10:00', '2023-02-29 10:00', '2022-13-01 10:00', '2022-05-10 25:00', '2022-05-10 10:61', '2022-05-10T10:00:00+16:00', '-000001-01-01T00:00:00Z', 'yesterday', '']) expect(ms(bad), bad).toBeNaN();
    expect(parseTime(' 2022-05-10 08:00 ')?.toISOString()).toBe('2022-05-10T00:00:00.000Z');
  });

  it('hashes like the field crypto, once per person, within its cap', () => {
    const ids = new IdHashCache(crypto, 4);
    expect(ids.hash(A)).toBe(crypto.lookupHash(A));
    expect(ids.hash('410225199001011230')).toBeNull();
    for (let i = 0; i < 10; i++) ids.hash(idCard());
    expect(ids.hash(A)).toBe(crypto.lookupHash(A));
    expect(ids.size).toBe(4);
  });

  it('checks a record with the same rules as the reader', () => {
    expect(checkRow(crypto, { sampleId: 'S1', idCard: ` ${A.toLowerCase()} `, sampledAt: '2022-05-10 08:00', result: '阴性', institution: '金域' }, 2, NOW)).toMatchObject({ sampleId: 'S1', idCardHash: crypto.lookupHash(A), result: 'negative' });
    expect(checkRow(crypto, { sampleId: 'S1', idCard: A, sampledAt: 'soon', result: '阴性', institution: '金域' }, 2, NOW)).toContain('sampled_at');
  });
});
