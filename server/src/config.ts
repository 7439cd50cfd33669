import os from 'node:os';
import path from 'node:path';

/** Runtime configuration, read once from the environment. Every variable is optional. */
export interface Config {
  port: number;
  host: string;
  /** A real PostgreSQL when set; otherwise the embedded PGlite database under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** Hex key (32 bytes) for SM4 encryption and the keyed SM3 lookup hash; generated into dataDir when absent. */
  secretKey: string | null;
  seedScale: SeedScale;
  logLevel: string;
  cookieSecure: boolean;
  /** Whether X-Forwarded-For is believed: only behind a proxy that sets it (its address, or true). */
  trustProxy: boolean | string;
  webDist: string;
  /** How often the job poller looks for due jobs and timers (JOBS_POLL_MS). */
  jobsPollMs: number;
  /**
   * SIBAO_WORKERS: server processes sharing the port (a number, or `auto` for one per CPU). PostgreSQL
   * only: the embedded database belongs to one process. Jobs are leased and notifications travel by
   * LISTEN/NOTIFY, so the workers need nothing else to share.
   */
  workers: number;
  files: FilesConfig;
}

export interface FilesConfig {
  /** FILES_DIR: the disk store's root (default DATA_DIR/files). */
  dir: string;
  /** FILES_MAX_BYTES: the largest attachment accepted (default 20 MiB). */
  maxBytes: number;
  /** FILES_ALLOWED_TYPES: comma-separated media types (`image/*` allowed); empty: any. */
  allowedTypes: string[];
  /** Set when FILES_S3_BUCKET is: attachments go to an S3-compatible bucket instead of the disk. */
  s3: {
    bucket: string;
    endpoint: string | undefined;
    region: string;
    accessKeyId: string | undefined;
    secretAccessKey: string | undefined;
    forcePathStyle: boolean;
    prefix: string | undefined;
  } | null;
}

function filesConfig(env: NodeJS.ProcessEnv, dataDir: string): FilesConfig {
  const bucket = env.FILES_S3_BUCKET;
  return {
    dir: path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files')),
    maxBytes: positiveInt(env.FILES_MAX_BYTES, 20 * 1024 * 1024),
    allowedTypes: (env.FILES_ALLOWED_TYPES ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    s3: bucket
      ? {
          bucket,
          endpoint: env.FILES_S3_ENDPOINT || undefined,
          region: env.FILES_S3_REGION || 'us-east-1',
          accessKeyId: env.FILES_S3_ACCESS_KEY_ID || undefined,
          secretAccessKey: env.FILES_S3_SECRET_ACCESS_KEY || undefined,
          forcePathStyle: env.FILES_S3_FORCE_PATH_STYLE !== 'false',
          prefix: env.FILES_S3_PREFIX || undefined,
        }
      : null,
  };
}

export type SeedScale = 'county' | 'city' | 'province';

export function parseSeedScale(v: string | undefined): SeedScale {
  if (v === 'county' || v === 'city' || v === 'province') return v;
  return 'city';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = process.cwd();
  const dataDir = path.resolve(root, env.DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null,
    dataDir,
    secretKey: env.SIBAO_SECRET_KEY ?? null,
    seedScale: parseSeedScale(env.SEED_SCALE),
    logLevel: env.LOG_LEVEL ?? 'info',
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY && env.TRUST_PROXY !== 'false' ? env.TRUST_PROXY : false,
    webDist: path.resolve(root, 'web/dist'),
    jobsPollMs: positiveInt(env.JOBS_POLL_MS, 1000),
    workers: env.SIBAO_WORKERS === 'auto' ? os.availableParallelism() : positiveInt(env.SIBAO_WORKERS, 1),
    files: filesConfig(env, dataDir),
  };
}

function positiveInt(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
}
