import fs from 'node:fs';
import path from 'node:path';
import { sm3Hex } from '../platform/crypto.js';
import { totpForStep } from '../platform/auth/totp.js';

/**
 * A TOTP code no earlier sign-in has used: the server accepts each time step once per account, and
 * tests sign the same demo users in several times a minute. The last step used per secret is kept
 * in memory for the API tests (each test app has its own database, so createTestApp resets it),
 * or in a directory shared by the processes that talk to one server (the browser tests).
 */
const used = new Map<string, number>();

export function resetTotpSteps(): void {
  used.clear();
}

function lastStep(key: string, dir: string | undefined): number {
  let onDisk = 0;
  if (dir) {
    try {
      onDisk = Number(fs.readFileSync(path.join(dir, key), 'utf8')) || 0;
    } catch {
      onDisk = 0;
    }
  }
  return Math.max(onDisk, used.get(key) ?? 0);
}

export async function freshTotp(secretBase32: string, dir?: string): Promise<string> {
  const key = sm3Hex(secretBase32).slice(0, 16);
  const nowStep = Math.floor(Date.now() / 30_000);
  const step = Math.max(nowStep, lastStep(key, dir) + 1);
  used.set(key, step);
  if (dir) {
    // One file per secret: workers never overwrite each other's record.
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, key), String(step));
  }
  // The server accepts one step ahead; beyond that, wait until the step is at most one ahead.
  const waitMs = (step - 1) * 30_000 - Date.now();
  if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs + 50));
  return totpForStep(secretBase32, step);
}
