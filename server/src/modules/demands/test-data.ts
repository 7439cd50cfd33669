import type { TestApp } from '../../testing/app.js';
import { randomUuid } from '../../testing/helpers.js';

let n = 0;
/** A demand filed by an enterprise, with a text unlike any other so no duplicate check trips. */
/** Test-data factory. */
export async function fileDemand(tt: TestApp, cookie: string, over: Record<string, unknown> = {}) {
  n++;
  const res = await tt.req('POST', '/api/demands', {
    cookie,
    body: { category: 'raw_materials', urgency: 'normal', title: `钢材供应第${n}批`, description: `编号${n}${randomUuid()}：上游钢厂停产，急需协调货源`, contactName: '王经理', contactPhone: '13912345678', confirmNotDuplicate: true, ...over },
  });
  if (res.statusCode !== 201) throw new Error(`file: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; no: number; state: string; actions: string[] };
}
