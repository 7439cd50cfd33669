import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './lock.js';

describe('data directory lock', () => {
  it('refuses while another live process holds the directory, and takes over a stale lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sibao-lock-'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dir, 'sibao.lock'), String(other.pid));
      expect(() => acquireDataDirLock(dir)).toThrow(/正被进程|already open/);
    } finally {
      other.kill();
      await new Promise((r) => other.once('exit', r));
    }
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'sibao.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'sibao.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
