import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rows } from '../../testing/helpers.js';

let t: TestApp;
let kf: string;
let prov: string;
let lk: string;
beforeAll(async () => {
  t = await createTestApp();
  [kf, prov, lk] = await Promise.all([t.login('kf_dispatcher'), t.login('prov_dispatcher'), t.login('lk_dispatcher')]);
});
afterAll(async () => {
  await t.close();
});

interface RegionNode {
  code: string;
  name: string;
  level: string;
  kind: string;
  parentCode: string | null;
  children: RegionNode[];
}
interface Ent {
  id: string;
  name: string;
  sector: string;
  regionCode: string;
  regionName: string;
}

const flatten = (nodes: RegionNode[]): RegionNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** Every enterprise a caller can list, page by page. */
async function allEnterprises(cookie: string, query = ''): Promise<{ items: Ent[]; total: number }> {
  const items: Ent[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const res = await t.req('GET', `/api/org/enterprises?pageSize=200&page=${page}${query}`, { cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    total = body.total;
    items.push(...body.items);
    if (body.items.length < 200) break;
  }
  expect(items).toHaveLength(total);
  return { items, total };
}

async function countEnterprises(where: ReturnType<typeof sql>): Promise<number> {
  const [r] = await rows<{ n: number | string }>(t, sql`select count(*) as n from enterprises where ${where}`);
  return Number(r!.n);
}

describe('org routes for a city dispatcher', () => {
  it('summary counts the city and its counties', async () => {
    const res = await t.req('GET', '/api/org/summary', { cookie: kf });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    const [regions] = await rows<{ n: number | string }>(t, sql`select count(*) as n from regions where code = '410200' or parent_code = '410200'`);
    expect(s.regions).toBe(Number(regions!.n));
    expect(s.enterprises).toBe(await countEnterprises(sql`region_code in (select code from regions where code = '410200' or parent_code = '410200')`));
    expect(s.commands).toBe(s.regions);
    expect(s.taskForces).toBe(s.commands * 8);
    expect(s.departments).toBeGreaterThan(s.regions);
    expect(s.users).toBeGreaterThanOrEqual(10);
  });

  it('the region tree is rooted at Kaifeng', async () => {
    const res = await t.req('GET', '/api/org/regions', { cookie: kf });
    expect(res.statusCode).toBe(200);
    const tree: RegionNode[] = res.json();
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ code: '410200', name: '开封市', level: 'city', parentCode: '410000' });
    const codes = tree[0]!.children.map((c) => c.code);
    expect(codes).toContain('410225');
    expect(codes).toContain('410204');
    expect(tree[0]!.children.find((c) => c.code === '410225')).toMatchObject({ name: '兰考县', level: 'county' });
  });

  it('Kaifeng has one command with the eight task forces of the notice', async () => {
    const res = await t.req('GET', '/api/org/commands?regionCode=410200', { cookie: kf });
    expect(res.statusCode).toBe(200);
    const cmds = res.json();
    expect(cmds).toHaveLength(1);
    expect(cmds[0].regionCode).toBe('410200');
    expect(cmds[0].name).toContain('开封市');
    expect(cmds[0].members.length).toBeGreaterThan(0);
    const tfs = cmds[0].taskForces;
    expect(tfs).toHaveLength(8);
    const names = tfs.map((x: { name: string }) => x.name);
    expect(names).toContain('工业生产工作专班');
    expect(names).toContain('督办督查工作专班');
    expect(new Set(tfs.map((x: { kind: string }) => x.kind))).toEqual(
      new Set(['coordination', 'industry', 'commerce', 'transport', 'culture_tourism', 'key_project', 'prevention', 'supervision']),
    );
    for (const tf of tfs) {
      expect(tf.members.map((m: { position: string }) => m.position)).toContain('leader');
      expect(tf.leadDepartmentName).toBeTruthy();
    }
  });

  it('a county of its city is in scope', async () => {
    const cmds = await t.req('GET', '/api/org/commands?regionCode=410225', { cookie: kf });
    expect(cmds.statusCode).toBe(200);
    expect(cmds.json()[0].regionCode).toBe('410225');
    const deps = await t.req('GET', '/api/org/departments?regionCode=410225', { cookie: kf });
    expect(deps.statusCode).toBe(200);
    expect(deps.json().length).toBeGreaterThan(5);
    expect(deps.json().every((d: { regionCode: string }) => d.regionCode === '410225')).toBe(true);
  });

  it('departments of the city', async () => {
    const res = await t.req('GET', '/api/org/departments?regionCode=410200', { cookie: kf });
    expect(res.statusCode).toBe(200);
    const deps = res.json();
    expect(deps.every((d: { regionCode: string }) => d.regionCode === '410200')).toBe(true);
    expect(deps.map((d: { name: string }) => d.name)).toContain('开封市工业和信息化局');
  });

  it('enterprise lookup pages, searches and filters by region', async () => {
    const p1 = (await t.req('GET', '/api/org/enterprises?pageSize=10', { cookie: kf })).json();
    const p2 = (await t.req('GET', '/api/org/enterprises?pageSize=10&page=2', { cookie: kf })).json();
    expect(p1.items).toHaveLength(10);
    expect(p1.total).toBe(3000);
    expect(p2.total).toBe(p1.total);
    const ids1 = new Set(p1.items.map((e: Ent) => e.id));
    expect(p2.items.some((e: Ent) => ids1.has(e.id))).toBe(false);

    const byRegion = (await t.req('GET', '/api/org/enterprises?regionCode=410225&pageSize=200', { cookie: kf })).json();
    expect(byRegion.total).toBe(await countEnterprises(sql`region_code = '410225'`));
    expect(byRegion.items.every((e: Ent) => e.regionCode === '410225' && e.regionName === '兰考县')).toBe(true);

    const first: Ent = p1.items[0];
    const byName = (await t.req('GET', `/api/org/enterprises?q=${encodeURIComponent(first.name)}`, { cookie: kf })).json();
    expect(byName.items.map((e: Ent) => e.id)).toContain(first.id);
  });
});

describe('org routes for the province', () => {
  it('the province command has six working groups', async () => {
    const res = await t.req('GET', '/api/org/commands?regionCode=410000', { cookie: prov });
    expect(res.statusCode).toBe(200);
    const cmds = res.json();
    expect(cmds).toHaveLength(1);
    expect(cmds[0].taskForces).toHaveLength(6);
    expect(cmds[0].taskForces.every((x: { name: string }) => x.name.endsWith('工作组'))).toBe(true);
  });

  it('the region tree has the 18 city-level units under Henan, and 航空港区 as a functional zone of Zhengzhou', async () => {
    const res = await t.req('GET', '/api/org/regions', { cookie: prov });
    expect(res.statusCode).toBe(200);
    const tree: RegionNode[] = res.json();
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ code: '410000', level: 'province', parentCode: null });
    const cities = tree[0]!.children;
    expect(cities).toHaveLength(18);
    expect(cities.every((c) => c.level === 'city' && c.parentCode === '410000')).toBe(true);
    expect(cities.map((c) => c.code)).toEqual(expect.arrayContaining(['410100', '410200', '419001']));
    const zhengzhou = cities.find((c) => c.code === '410100')!;
    const airport = zhengzhou.children.find((c) => c.code === '410173');
    expect(airport).toMatchObject({ kind: 'functional', level: 'county', parentCode: '410100' });
    expect(airport!.name).toContain('航空港');
    const all = flatten(tree);
    expect(all.length).toBeGreaterThan(170);
    expect(all.every((n) => n.children.every((c) => c.parentCode === n.code))).toBe(true);
  });

  it('the province sees every enterprise', async () => {
    const res = await t.req('GET', '/api/org/enterprises?pageSize=1', { cookie: prov });
    expect(res.json().total).toBe(await countEnterprises(sql`true`));
  });
});

describe('validation and authentication', () => {
  it.each([
    ['/api/org/commands?regionCode=4102', 'query.regionCode'],
    ['/api/org/commands?regionCode=abcdef', 'query.regionCode'],
    ['/api/org/commands', 'query.regionCode'],
    ['/api/org/departments?regionCode=41020x', 'query.regionCode'],
    ['/api/org/enterprises?regionCode=1', 'query.regionCode'],
    ['/api/org/enterprises?pageSize=0', 'query.pageSize'],
    ['/api/org/enterprises?page=-1', 'query.page'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    const res = await t.req('GET', url, { cookie: kf });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'validation.invalid', field });
    expect(res.json().message).toContain(field);
  });

  it('a well-formed code that is no region is not found', async () => {
    const res = await t.req('GET', '/api/org/commands?regionCode=999999', { cookie: prov });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it.each(['/api/org/summary', '/api/org/regions', '/api/org/commands?regionCode=410200', '/api/org/departments?regionCode=410200', '/api/org/enterprises'])(
    'GET %s without a cookie → 401',
    async (url) => {
      const res = await t.req('GET', url);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.unauthenticated');
    },
  );
});

describe('region scope: a county sees only its county', () => {
  it.each([
    ['/api/org/commands?regionCode=410204'],
    ['/api/org/commands?regionCode=410200'],
    ['/api/org/commands?regionCode=410000'],
    ['/api/org/departments?regionCode=410204'],
    ['/api/org/departments?regionCode=410200'],
    ['/api/org/enterprises?regionCode=410204'],
    ['/api/org/enterprises?regionCode=410200'],
  ])('lk_dispatcher GET %s → 404 not_found', async (url) => {
    const res = await t.req('GET', url, { cookie: lk });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('answers out of scope exactly like a missing region', async () => {
    const out = await t.req('GET', '/api/org/commands?regionCode=410204', { cookie: lk });
    const missing = await t.req('GET', '/api/org/commands?regionCode=999999', { cookie: lk });
    expect(out.json()).toEqual(missing.json());
  });

  it('its own county works', async () => {
    expect((await t.req('GET', '/api/org/commands?regionCode=410225', { cookie: lk })).statusCode).toBe(200);
    expect((await t.req('GET', '/api/org/departments?regionCode=410225', { cookie: lk })).statusCode).toBe(200);
    const tree: RegionNode[] = (await t.req('GET', '/api/org/regions', { cookie: lk })).json();
    expect(flatten(tree).map((n) => n.code)).toEqual(['410225']);
    const s = (await t.req('GET', '/api/org/summary', { cookie: lk })).json();
    expect(s).toMatchObject({ regions: 1, commands: 1, taskForces: 8 });
    expect(s.enterprises).toBe(await countEnterprises(sql`region_code = '410225'`));
  });

  it('its enterprise list never holds an enterprise outside 兰考县', async () => {
    const { items, total } = await allEnterprises(lk);
    expect(total).toBe(await countEnterprises(sql`region_code = '410225'`));
    expect(total).toBeGreaterThan(0);
    expect(items.filter((e) => e.regionCode !== '410225')).toEqual([]);
  });

  it('searching for an enterprise of 鼓楼区 by name finds nothing', async () => {
    const [gl] = await rows<{ name: string; uscc: string }>(t, sql`select name, uscc from enterprises where region_code = '410204' order by uscc limit 1`);
    for (const q of [gl!.name, gl!.uscc]) {
      const res = await t.req('GET', `/api/org/enterprises?q=${encodeURIComponent(q)}`, { cookie: lk });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [], total: 0 });
    }
  });

  it('鼓楼区 cannot see 兰考县 either', async () => {
    const gl = await t.login('gl_dispatcher');
    expect((await t.req('GET', '/api/org/commands?regionCode=410225', { cookie: gl })).statusCode).toBe(404);
    const { items } = await allEnterprises(gl);
    expect(items.every((e) => e.regionCode === '410204')).toBe(true);
  });
});

describe('sector scope', () => {
  it('kf_industry (工业和信息化局) sees only industry enterprises of its city', async () => {
    const cookie = await t.login('kf_industry');
    const { items, total } = await allEnterprises(cookie);
    expect(total).toBe(await countEnterprises(sql`sector = 'industry' and region_code in (select code from regions where code = '410200' or parent_code = '410200')`));
    expect(total).toBeGreaterThan(0);
    expect(new Set(items.map((e) => e.sector))).toEqual(new Set(['industry']));
    const s = (await t.req('GET', '/api/org/summary', { cookie })).json();
    expect(s.enterprises).toBe(total);
  });

  it('kf_tf_transport (交通运输工作专班) sees only transport enterprises', async () => {
    const cookie = await t.login('kf_tf_transport');
    const { items, total } = await allEnterprises(cookie);
    expect(total).toBe(await countEnterprises(sql`sector = 'transport' and region_code in (select code from regions where code = '410200' or parent_code = '410200')`));
    expect(total).toBeGreaterThan(0);
    expect(new Set(items.map((e) => e.sector))).toEqual(new Set(['transport']));
  });

  it('a dispatcher is not sector-bound', async () => {
    const res = await t.req('GET', '/api/org/enterprises?pageSize=200', { cookie: kf });
    expect(new Set(res.json().items.map((e: Ent) => e.sector)).size).toBeGreaterThan(1);
  });
});

describe('enterprise accounts', () => {
  let ent: string;
  beforeAll(async () => {
    ent = await t.login('ent_lankao');
  });
  it.each(['/api/org/summary', '/api/org/regions', '/api/org/commands?regionCode=410225', '/api/org/departments?regionCode=410225', '/api/org/enterprises'])(
    'ent_lankao GET %s → 403 (no org.read)',
    async (url) => {
      const res = await t.req('GET', url, { cookie: ent });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    },
  );
});
