import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key for field encryption. From SIBAO_SECRET_KEY when set (production keeps it in a secret
 * store); otherwise generated once into the data directory, so a trial install needs nothing.
 */
export function loadSecretKey(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}
