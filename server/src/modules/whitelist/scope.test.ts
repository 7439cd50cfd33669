import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { readXlsx } from '../../testing/helpers.js';
import { generateUscc } from '../../seed/uscc.js';
import { createRandom } from '../../seed/random.js';
import { enterprises } from './tables.js';
import { IMPORT_COLUMNS } from './import.js';

let t: TestApp;
let lkIndustry: string;
let kfIndustry: string;
let guIndustryId: string;
let kfCommerceId: string;
beforeAll(async () => {
  t = await createTestApp();
  lkIndustry = await t.login('lk_industry');
  kfIndustry = await t.login('kf_industry');
  const db = t.database.db;
  guIndustryId = (await db.select({ id: enterprises.id }).from(enterprises).where(and(eq(enterprises.regionCode, '410204'), eq(enterprises.sector, 'industry'))).limit(1))[0]!.id;
  kfCommerceId = (await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.sector, 'commerce')).limit(1))[0]!.id;
});
afterAll(async () => {
  await t.close();
});

describe('whitelist scope: out of scope answers 404 on every enterprise action', () => {
  it('a county department cannot act on another county’s enterprise, nor a sector department on another sector’s', async () => {
    for (const [cookie, id] of [
      [lkIndustry, guIndustryId],
      [kfIndustry, kfCommerceId],
    ] as const) {
      expect((await t.req('GET', `/api/whitelist/enterprises/${id}`, { cookie })).statusCode).toBe(404);
      for (const action of ['remove', 'suspend', 'resume', 'readmit']) {
        const res = await t.req('POST', `/api/whitelist/enterprises/${id}/${action}`, { cookie, body: { reason: '测试', evidence: '证据', decision: '决定' } });
        expect(res.statusCode, action).toBe(404);
      }
      const spot = await t.req('POST', `/api/whitelist/enterprises/${id}/spot-checks`, { cookie, body: { checkedOn: '2022-06-01', checker: '张三', findings: '正常', passed: true } });
      expect(spot.statusCode).toBe(404);
      expect((await t.req('PUT', `/api/whitelist/enterprises/${id}/tier`, { cookie, body: { serviceTier: 'county' } })).statusCode).toBe(404);
      expect((await t.req('PUT', `/api/whitelist/enterprises/${id}/tax-status`, { cookie, body: { taxCreditRating: 'A', taxArrears: false } })).statusCode).toBe(404);
    }
  });

  it('names the field of bad input on the actions', async () => {
    const res = await t.req('PUT', `/api/whitelist/enterprises/${guIndustryId}/tier`, { cookie: kfIndustry, body: { serviceTier: 'galaxy' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.serviceTier');
    const spot = await t.req('POST', `/api/whitelist/enterprises/${guIndustryId}/spot-checks`, { cookie: kfIndustry, body: { checkedOn: 'yesterday', checker: '张三', findings: '正常', passed: true } });
    expect(spot.statusCode).toBe(400);
    expect(spot.json().field).toBe('body.checkedOn');
  });

  it('sets the tier of an enterprise in scope', async () => {
    const res = await t.req('PUT', `/api/whitelist/enterprises/${guIndustryId}/tier`, { cookie: kfIndustry, body: { serviceTier: 'city' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().serviceTier).toBe('city');
  });
});

describe('whitelist scope: lists and exports hold only the caller’s part', () => {
  it('the review queue of a county holds only that county, and is closed to enterprises', async () => {
    const q = (await t.req('GET', '/api/whitelist/applications?pageSize=200', { cookie: lkIndustry })).json() as { items: { regionCode: string; sector: string }[] };
    expect(q.items.every((a) => a.regionCode === '410225' && a.sector === 'industry')).toBe(true);
    expect((await t.req('GET', '/api/whitelist/applications?regionCode=410204', { cookie: lkIndustry })).statusCode).toBe(404);
    expect((await t.req('GET', '/api/whitelist/applications', { cookie: await t.login('ent_lankao') })).statusCode).toBe(403);
  });

  it('the whitelist export holds exactly the rows the list shows', async () => {
    const list = (await t.req('GET', '/api/whitelist/enterprises?pageSize=1', { cookie: lkIndustry })).json() as { total: number };
    const res = await t.req('GET', '/api/whitelist/enterprises/export', { cookie: lkIndustry });
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows.length - 1).toBe(list.total);
    expect((await t.req('GET', '/api/whitelist/enterprises/export?regionCode=410204', { cookie: lkIndustry })).statusCode).toBe(404);
  });

  it('the code-protection list holds only listed enterprises of the caller’s scope', async () => {
    const res = await t.req('GET', '/api/whitelist/code-protection/export?format=csv', { cookie: lkIndustry });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split(/\r?\n/).slice(1);
    expect(lines.every((l) => l.includes('410225'))).toBe(true);
    expect((await t.req('GET', '/api/whitelist/code-protection/export?regionCode=410204', { cookie: lkIndustry })).statusCode).toBe(404);
  });

  it('sector totals: another county is not found, bad input names the field', async () => {
    const body = { regionCode: '410204', sector: 'industry', effectiveFrom: '2022-06-01', totalOutputFen: 100 };
    expect((await t.req('PUT', '/api/whitelist/sector-totals', { cookie: lkIndustry, body })).statusCode).toBe(404);
    const bad = await t.req('PUT', '/api/whitelist/sector-totals', { cookie: lkIndustry, body: { ...body, regionCode: '410225', totalOutputFen: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.totalOutputFen');
    const ok = await t.req('PUT', '/api/whitelist/sector-totals', { cookie: lkIndustry, body: { ...body, regionCode: '410225' } });
    expect(ok.statusCode).toBe(200);
  });
});

describe('whitelist import', () => {
  async function workbook(rows: (string | number)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow([...IMPORT_COLUMNS]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  function multipart(file: Buffer) {
    const boundary = '----sibaotest';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
    return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
  }

  it('reports every bad row, loads the good ones, and loads nothing twice', async () => {
    const rng = createRandom(99);
    const good = (n: number) => [generateUscc(rng, '410225'), `兰考县测试导入企业${n}有限公司`, '企业', '工业生产', '410225', '王五', '赵六', '13900000000', 120, 500, 100, 80, '是', '否'];
    const file = await workbook([good(1), ['BAD', '坏代码企业', '企业', '工业生产', '410225', '王五', '', '', 1, 1, 0, 0, '否', '否'], good(2), [generateUscc(rng, '410204'), '别县企业', '企业', '工业生产', '410204', '王五', '', '', 1, 1, 0, 0, '否', '否']]);
    const { payload, contentType } = multipart(file);
    const send = () => t.app.inject({ method: 'POST', url: '/api/whitelist/import', payload, headers: { cookie: lkIndustry, 'content-type': contentType } });
    const first = await send();
    expect(first.statusCode).toBe(200);
    const r1 = first.json() as { created: number; existing: number; rejected: { row: number; reason: string }[] };
    expect(r1.created).toBe(2);
    expect(r1.rejected.map((x) => x.row)).toEqual([3, 5]);
    const r2 = (await send()).json() as { created: number; existing: number };
    expect(r2.created).toBe(0);
    expect(r2.existing).toBe(2);
  });

  it('refuses a request without a file, naming the field, and an enterprise user', async () => {
    const res = await t.req('POST', '/api/whitelist/import', { cookie: lkIndustry, body: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.file');
    expect((await t.req('POST', '/api/whitelist/import', { cookie: await t.login('ent_gulou'), body: {} })).statusCode).toBe(403);
  });
});
