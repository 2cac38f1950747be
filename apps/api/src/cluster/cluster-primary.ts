import cluster, { type Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';
import { AnalyticsProcess, broadcastStats, relayAnalytics } from '@gateway/analytics';
import { StartupError } from '../common/startup-error';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../database/embedded-postgres';
import { analyticsProcessOptions } from '../modules/analytics/analytics-config';
import { CLUSTER_WORKER_ENV } from './cluster-worker';

const RESTART_DELAY_MS = 1000;

/** What several request processes cannot share without help: refused at boot, naming the fix. */
export function checkClusterConfig(config: AppConfig): void {
  if (!config.redisUrl) {
    throw new StartupError(
      `WORKERS=${config.workers} needs REDIS_URL: the workers share rate limits, budgets, breakers and concurrency through Redis (start one, or set WORKERS=1)`,
    );
  }
  if (config.clickhouse.process === 'inline' && !config.clickhouse.url) {
    throw new StartupError(
      `WORKERS=${config.workers} with ANALYTICS_PROCESS=inline needs CLICKHOUSE_URL: embedded ClickHouse opens its files from one process only`,
    );
  }
}

/**
 * The cluster primary (WORKERS > 1): starts what there must be one of — the embedded Postgres when
 * DATABASE_URL is unset, the analytics process — then forks the workers that serve the port (node
 * cluster distributes connections), relays their analytics, and restarts a worker that dies. On
 * SIGINT/SIGTERM the workers drain first, then the analytics process and Postgres stop.
 */
export async function runClusterPrimary(config: AppConfig): Promise<void> {
  const logger = new Logger('Cluster');
  checkClusterConfig(config);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.database.embeddedPort);
    databaseUrl = embedded.url;
  }
  const workers = new Set<Worker>();
  const analytics =
    config.clickhouse.process === 'separate'
      ? AnalyticsProcess.start({
          ...analyticsProcessOptions(config),
          onLog: (level, message) => logger[level](message.split('\n')[0]),
          onStats: (msg) => broadcastStats(workers, msg),
        })
      : null;
  let stopping = false;
  let listening = 0;

  const fork = () => {
    const worker = cluster.fork({ DATABASE_URL: databaseUrl, [CLUSTER_WORKER_ENV]: '1' });
    workers.add(worker);
    if (analytics) relayAnalytics(analytics, worker);
    worker.once('listening', (address) => {
      listening += 1;
      if (listening === config.workers) {
        logger.log(
          `${config.workers} workers listening on port ${address.port} (primary pid ${process.pid})`,
        );
      }
    });
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      logger.error(
        `Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${RESTART_DELAY_MS} ms`,
      );
      setTimeout(() => {
        if (!stopping) fork();
      }, RESTART_DELAY_MS).unref();
    });
  };
  cluster.setupPrimary({ exec: process.argv[1], args: process.argv.slice(2) });
  for (let i = 0; i < config.workers; i++) fork();

  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: stopping ${workers.size} workers, then analytics and Postgres`);
    const exited = [...workers].map((w) => new Promise((r) => w.once('exit', r)));
    // Ctrl-C reaches the workers by itself; `kill` on the primary does not.
    for (const w of workers) w.process.kill('SIGTERM');
    const grace = config.http.shutdownGraceMs + 5000;
    const timer = setTimeout(() => {
      for (const w of workers) w.process.kill('SIGKILL');
    }, grace);
    await Promise.all(exited);
    clearTimeout(timer);
    await analytics?.stop();
    await embedded?.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void shutdown(signal));
  }
}
