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
}

export type SeedScale = 'county' | 'city' | 'province';

export function parseSeedScale(v: string | undefined): SeedScale {
  if (v === 'county' || v === 'city' || v === 'province') return v;
  return 'city';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = process.cwd();
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : null,
    dataDir: path.resolve(root, env.DATA_DIR ?? 'data'),
    secretKey: env.SIBAO_SECRET_KEY ?? null,
    seedScale: parseSeedScale(env.SEED_SCALE),
    logLevel: env.LOG_LEVEL ?? 'info',
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY && env.TRUST_PROXY !== 'false' ? env.TRUST_PROXY : false,
    webDist: path.resolve(root, 'web/dist'),
  };
}
