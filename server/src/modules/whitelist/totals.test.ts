import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { multipartFile, readXlsx, XLSX_TYPE } from '../../testing/helpers.js';
import { TOTALS_COLUMNS } from './totals.js';
import { IMPORT_COLUMNS } from './import.js';

let t: TestApp;
let lkIndustry: string;
let kfDispatcher: string;
beforeAll(async () => {
  t = await createTestApp();
  lkIndustry = await t.login('lk_industry');
  kfDispatcher = await t.login('kf_dispatcher');
});
afterAll(async () => {
  await t.close();
});

async function sheet(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行业总产值');
  ws.addRow([...TOTALS_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(cookie: string, file: Buffer) {
  const { payload, contentType } = multipartFile(file);
  return t.app.inject({ method: 'POST', url: '/api/whitelist/sector-totals/import', payload, headers: { cookie, 'content-type': contentType } });
}

describe('sector totals import', () => {
  it('reports every bad row with its reason, loads the good ones, and changes nothing the second time', async () => {
    const file = await sheet([
      ['410225', '工业生产', '2022-07-01', 250000.5],
      ['410204', '工业生产', '2022-07-01', 100],
      ['410225', '钢铁', '2022-07-01', 100],
      ['410225', '工业生产', '2022-02-30', 100],
      ['410225', '工业生产', new Date('2022-08-01T00:00:00Z'), -5],
      ['410225', '工业生产', '2022-07-01', 1],
      ['410225', '工业生产', new Date('2022-08-01T00:00:00Z'), 260000],
    ]);
    const first = await upload(lkIndustry, file);
    expect(first.statusCode).toBe(200);
    const r1 = first.json() as { rows: number; created: number; updated: number; unchanged: number; rejected: { row: number; reason: string }[] };
    expect(r1.rows).toBe(7);
    expect(r1.created).toBe(2);
    expect(r1.rejected.map((x) => x.row)).toEqual([3, 4, 5, 6, 7]);
    expect(r1.rejected[0]!.reason).toContain('region');
    expect(r1.rejected[4]!.reason).toContain('duplicate');
    const r2 = (await upload(lkIndustry, file)).json() as typeof r1;
    expect(r2.created).toBe(0);
    expect(r2.updated).toBe(0);
    expect(r2.unchanged).toBe(2);

    const list = await t.req('GET', '/api/whitelist/sector-totals?regionCode=410225&sector=industry', { cookie: lkIndustry });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { effectiveFrom: string; totalOutputFen: number }[];
    expect(items.find((i) => i.effectiveFrom === '2022-07-01')?.totalOutputFen).toBe(250_000_500_000);
    expect(items.find((i) => i.effectiveFrom === '2022-08-01')?.totalOutputFen).toBe(260_000_000_000);

    // A corrected figure for the same region, sector and date replaces the earlier one.
    const r3 = (await upload(lkIndustry, await sheet([['410225', '工业生产', '2022-07-01', 250001]]))).json() as typeof r1;
    expect(r3.updated).toBe(1);
  });

  it('keeps a sector-bound department to its sector', async () => {
    const r = (await upload(lkIndustry, await sheet([['410225', '商贸流通', '2022-07-01', 100]]))).json() as { rejected: { reason: string }[] };
    expect(r.rejected[0]!.reason).toContain('sector');
  });

  it('refuses a missing file naming the field, an anonymous caller and an enterprise', async () => {
    const res = await t.req('POST', '/api/whitelist/sector-totals/import', { cookie: lkIndustry, body: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.file');
    const garbage = await upload(lkIndustry, Buffer.from('not a workbook'));
    expect(garbage.statusCode).toBe(400);
    expect((await t.req('POST', '/api/whitelist/sector-totals/import', { body: {} })).statusCode).toBe(401);
    expect((await t.req('POST', '/api/whitelist/sector-totals/import', { cookie: await t.login('ent_gulou'), body: {} })).statusCode).toBe(403);
  });
});

describe('sector totals list scope', () => {
  it('a county sees only its own totals; another county answers 404; bad filters name the field', async () => {
    const own = await t.req('GET', '/api/whitelist/sector-totals?pageSize=200', { cookie: lkIndustry });
    expect(own.statusCode).toBe(200);
    const regions = new Set((own.json().items as { regionCode: string; sector: string }[]).map((i) => `${i.regionCode}|${i.sector}`));
    for (const k of regions) expect(k).toMatch(/^410225\|industry$/);
    expect((await t.req('GET', '/api/whitelist/sector-totals?regionCode=410204', { cookie: lkIndustry })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/whitelist/sector-totals/export?regionCode=410204', { cookie: lkIndustry })).statusCode).toBe(404);
    const bad = await t.req('GET', '/api/whitelist/sector-totals?sector=steel', { cookie: lkIndustry });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('query.sector');
    expect((await t.req('GET', '/api/whitelist/sector-totals')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/whitelist/sector-totals', { cookie: await t.login('ent_gulou') })).statusCode).toBe(403);
  });

  it('the export holds exactly the caller’s rows', async () => {
    const res = await t.req('GET', '/api/whitelist/sector-totals/export', { cookie: kfDispatcher });
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toContain('地区代码');
    for (const r of rows.slice(1)) expect(String(r[0])).toMatch(/^4102/);
  });
});

describe('import templates', () => {
  it('hands out both templates with the columns the imports read', async () => {
    const a = await t.req('GET', '/api/whitelist/import/template', { cookie: lkIndustry });
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toBe(XLSX_TYPE);
    expect((await readXlsx(a.rawPayload))[0]).toEqual([...IMPORT_COLUMNS]);
    const b = await t.req('GET', '/api/whitelist/sector-totals/template', { cookie: lkIndustry });
    expect((await readXlsx(b.rawPayload))[0]).toEqual([...TOTALS_COLUMNS]);
    expect((await t.req('GET', '/api/whitelist/import/template')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/whitelist/import/template', { cookie: await t.login('ent_gulou') })).statusCode).toBe(403);
  });
});

describe('enterprise profile versions', () => {
  it('an enterprise reads its own versions only', async () => {
    const cookie = await t.login('ent_lankao');
    const put = await t.req('PUT', '/api/enterprise/profile', { cookie, body: { employees: 4321 } });
    expect(put.statusCode).toBe(200);
    const res = await t.req('GET', '/api/enterprise/profile/versions', { cookie });
    expect(res.statusCode).toBe(200);
    const v = res.json() as { version: number; changes: Record<string, { to: unknown }> }[];
    expect(v[0]!.changes.employees!.to).toBe(4321);
    const other = await t.req('GET', '/api/enterprise/profile/versions', { cookie: await t.login('ent_gulou') });
    expect((other.json() as { changes: Record<string, { to: unknown }> }[]).some((x) => x.changes.employees?.to === 4321)).toBe(false);
    expect((await t.req('GET', '/api/enterprise/profile/versions')).statusCode).toBe(401);
    expect((await t.req('GET', '/api/enterprise/profile/versions', { cookie: lkIndustry })).statusCode).toBe(403);
  });
});
