import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';

/**
 * How many server processes to run. The embedded database (PGlite) lives inside one process, so
 * without DATABASE_URL there is always one.
 */
export function workerCount(config: Pick<Config, 'workers' | 'databaseUrl'>, warn: (msg: string) => void = console.warn): number {
  if (config.workers > 1 && !config.databaseUrl) {
    warn('SIBAO_WORKERS 需要 PostgreSQL（DATABASE_URL）；内嵌数据库只能由一个进程使用 / SIBAO_WORKERS needs DATABASE_URL: the embedded database runs in one process');
    return 1;
  }
  return config.workers;
}

/** A worker that dies this soon after its start is not restarted again at once (a crash loop). */
const QUICK_DEATH_MS = 5_000;
const RESTART_DELAY_MS = 2_000;

/**
 * Forks the workers and keeps them running: a worker that dies is replaced; SIGINT/SIGTERM stop them
 * all (each closes its server and database first). `onReady` runs once every worker listens.
 */
export function superviseWorkers(count: number, onReady: () => void): void {
  let stopping = false;
  let ready = 0;
  const fork = () => {
    const started = Date.now();
    const w: Worker = cluster.fork();
    w.on('message', (m: unknown) => {
      if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'sibao.ready' && ++ready === count) onReady();
    });
    w.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`工作进程 ${w.process.pid} 退出（${signal ?? code}），正在重启 / worker ${w.process.pid} exited (${signal ?? code}), restarting`);
      setTimeout(fork, Date.now() - started < QUICK_DEATH_MS ? RESTART_DELAY_MS : 0);
    });
  };
  for (let i = 0; i < count; i++) fork();
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (live.length === 0) process.exit(0);
    let left = live.length;
    for (const w of live) {
      w.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      w.process.kill('SIGTERM');
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
