// Fails when the Drizzle schema has changes that no migration in ./migrations carries.
// (The OpenAPI document's drift is checked by server/src/platform/openapi.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// drizzle-kit takes --out relative to the working directory, so the scratch copy lives in the repo.
const rel = `.drift-${process.pid}`;
const tmp = path.join(root, rel);
fs.cpSync(path.join(root, 'migrations'), tmp, { recursive: true });
const before = fs.readdirSync(tmp).filter((f) => f.endsWith('.sql')).length;
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--dialect', 'postgresql', '--schema', './server/src/schema.ts', '--out', rel, '--casing', 'snake_case', '--name', 'drift'],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
const after = fs.readdirSync(tmp).filter((f) => f.endsWith('.sql'));
fs.rmSync(tmp, { recursive: true, force: true });
if (after.length !== before) {
  console.error('迁移与表结构不一致 / The schema has changes with no migration: run `npm run db:generate` and commit the new file.');
  process.exit(1);
}
console.log('migrations match the schema');
