import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.js';

/**
 * docs/openapi.json is the published API contract (the exchange module documents it for the
 * provincial platform). It must match what the server generates: regenerate it with
 *   UPDATE_OPENAPI=1 npx vitest run server/src/platform/openapi.test.ts
 * and commit the change together with the route change.
 */
const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/openapi.json');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('OpenAPI document', () => {
  it('docs/openapi.json matches the generated document', () => {
    // Through JSON, so the comparison sees exactly what the file holds (no undefined members).
    const generated = JSON.parse(JSON.stringify(t.app.swagger())) as Record<string, unknown>;
    if (process.env.UPDATE_OPENAPI === '1') {
      fs.mkdirSync(path.dirname(FILE), { recursive: true });
      fs.writeFileSync(FILE, `${JSON.stringify(generated, null, 2)}\n`);
      return;
    }
    expect(fs.existsSync(FILE), 'docs/openapi.json is missing: run with UPDATE_OPENAPI=1').toBe(true);
    const committed = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, unknown>;
    expect(generated, 'the API changed: run with UPDATE_OPENAPI=1 and commit docs/openapi.json').toEqual(committed);
  });

  it('is served by the app at /api/docs/json', async () => {
    const res = await t.req('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(t.app.swagger())));
  });

  it('every $ref points at a schema the document defines', () => {
    const doc = JSON.parse(JSON.stringify(t.app.swagger())) as { components?: { schemas?: Record<string, unknown> } };
    const defined = new Set(Object.keys(doc.components?.schemas ?? {}).map((k) => `#/components/schemas/${k}`));
    const refs = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') refs.add(x);
          else walk(x);
        }
      }
    };
    walk(doc);
    expect(refs.size).toBeGreaterThan(0);
    expect([...refs].filter((r) => !defined.has(r))).toEqual([]);
  });

  it('documents every /api route with its error body and the session cookie', () => {
    const doc = t.app.swagger() as unknown as {
      openapi: string;
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.session).toEqual({ type: 'apiKey', in: 'cookie', name: 'sibao_session' });
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        if (p === '/api/auth/login') continue;
        expect(Object.keys(op.responses ?? {}), `${m.toUpperCase()} ${p} documents 401`).toContain('401');
      }
    }
  });
});
