import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.js';
import { apiRoutes, QUERY_VALUES, SCOPE_CASES, type Route } from './routes-cases.js';

/** The route table in routes-cases.ts against the app's routes and the test files its proofs name. */

let t: TestApp;
let routes: Route[];
beforeAll(async () => {
  t = await createTestApp();
  routes = apiRoutes(t);
});
afterAll(async () => {
  await t.close();
});

/**
 * The routes the router knows, from printRoutes' tree: a check that no /api route is hidden from
 * the OpenAPI document (and so from SCOPE_CASES).
 */
function routerRoutes(): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = full;
    if (!full.startsWith('/api/') || full.startsWith('/api/docs')) continue;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD' && method !== '-') out.push(`${method} ${full.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}

describe('route table', () => {
  it('the OpenAPI document lists every route the router has', () => {
    const fromRouter = routerRoutes();
    expect(fromRouter.length).toBeGreaterThan(20);
    expect(fromRouter.sort()).toEqual(routes.map((r) => r.key).sort());
  });

  it('every route is in SCOPE_CASES, and SCOPE_CASES names only existing routes', () => {
    const existing = new Set(routes.map((r) => r.key));
    const missing = [...existing].filter((k) => !(k in SCOPE_CASES));
    const stale = Object.keys(SCOPE_CASES).filter((k) => !existing.has(k));
    expect(missing, 'routes without a scope test: add them to SCOPE_CASES with the test that proves their scope').toEqual([]);
    expect(stale, 'SCOPE_CASES names routes that no longer exist').toEqual([]);
  });

  it('every proof names an existing test file and titles found in it', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const files = new Map<string, string>();
    for (const f of fs.readdirSync(root, { recursive: true }) as string[]) {
      if (f.endsWith('.test.ts')) files.set(path.basename(f), path.join(root, f));
    }
    const bad: string[] = [];
    for (const [route, c] of Object.entries(SCOPE_CASES)) {
      for (const ref of c.proof.split('; ')) {
        const [file, ...titles] = ref.split(' › ');
        const where = files.get(file!);
        if (!where) {
          bad.push(`${route}: no file ${file}`);
          continue;
        }
        const text = fs.readFileSync(where, 'utf8');
        for (const title of titles) if (!text.includes(`'${title}`)) bad.push(`${route}: no title "${title}" in ${file}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every required query parameter has a known valid value', () => {
    const unknown = routes.flatMap((r) => r.requiredQuery.filter((q) => !(q in QUERY_VALUES)).map((q) => `${r.key} ?${q}`));
    expect(unknown).toEqual([]);
  });
});
