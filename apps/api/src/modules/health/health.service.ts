import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventSink, type AnalyticsStore } from '@gateway/analytics';
import type { CheckName, CheckStatus, Liveness, Readiness } from '@gateway/contracts';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ANALYTICS_STORE } from '../analytics/analytics.tokens';
import { RedisConnection } from '../redis/redis-connection';

// The answers' shapes live in @gateway/contracts (the OpenAPI document is built from them).
export type LivenessDto = Liveness;
export type ReadinessDto = Readiness;

/** Every check answers within this, so /health and /ready never hang on a dependency. */
export const CHECK_TIMEOUT_MS = 1_500;

/**
 * `/health` is liveness: 200 while the process serves HTTP, whatever its dependencies do (a
 * restart would not bring Postgres back). `/ready` is readiness: 503 while a dependency this
 * replica needs is down, so a load balancer can route around it.
 *
 * At most one probe per dependency is in flight: while Postgres does not answer, callers share the
 * pending probe (each bounded by its own timeout) instead of filling the connection pool with more.
 */
@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);
  private readonly startedAt = Date.now();
  private readonly probes = new Map<CheckName, Promise<void>>();
  private readonly last = new Map<CheckName, CheckStatus>();

  constructor(
    private readonly db: DataSource,
    @Inject(ANALYTICS_STORE) private readonly store: AnalyticsStore,
    private readonly recorder: EventSink,
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async liveness(): Promise<LivenessDto> {
    return {
      status: 'ok',
      uptime_s: Math.round((Date.now() - this.startedAt) / 1000),
      database: await this.check('postgres', this.checkFn('postgres')),
    };
  }

  async readiness(): Promise<ReadinessDto> {
    const names: CheckName[] = ['postgres', 'analytics'];
    if (this.config.redisUrl) names.push('redis');
    const results = await Promise.all(
      names.map(async (name) => [name, await this.check(name, this.checkFn(name))] as const),
    );
    const checks = Object.fromEntries(results) as ReadinessDto['checks'];
    return {
      status: results.every(([, s]) => s === 'ok') ? 'ok' : 'down',
      checks,
      details: { analytics: this.analyticsDetails() },
    };
  }

  private checkFn(name: CheckName): () => Promise<void> {
    switch (name) {
      case 'postgres':
        return () => this.postgresCheck();
      case 'analytics':
        return () => this.analyticsCheck();
      case 'redis':
        return () => this.redis.ping();
    }
  }

  private async postgresCheck(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /**
   * Analytics is down when the store does not answer a trivial query, or when the recorder's inserts
   * keep failing (rows then wait safely on disk and replay once the store recovers; the count is in
   * `details`). Dead-lettered rows alone do not make a replica unready: they are reported in `details`.
   */
  private async analyticsCheck(): Promise<void> {
    await this.store.query('SELECT 1 AS ok', {});
    const stats = this.recorder.stats();
    if (stats.storeFailing) {
      throw new Error(`inserts are failing; ${stats.spooledRows} rows wait in the spool`);
    }
  }

  private analyticsDetails(): ReadinessDto['details']['analytics'] {
    const stats = this.recorder.stats();
    return {
      spooled_batches: stats.spooledBatches,
      spooled_rows: stats.spooledRows,
      dead_lettered: stats.deadLettered,
    };
  }

  /** Runs one check bounded by CHECK_TIMEOUT_MS, sharing a probe that is still in flight. */
  private async check(name: CheckName, fn: () => Promise<void>): Promise<CheckStatus> {
    let probe = this.probes.get(name);
    if (!probe) {
      probe = fn().finally(() => this.probes.delete(name));
      this.probes.set(name, probe);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    let status: CheckStatus;
    let reason = '';
    try {
      await Promise.race([probe, timeout]);
      status = 'ok';
    } catch (err) {
      status = 'down';
      reason = (err as Error).message;
    } finally {
      clearTimeout(timer);
    }
    // Logged on change only: a load balancer polling a dead dependency must not flood the log.
    if (this.last.get(name) !== status) {
      if (status === 'down') this.logger.warn(`${name} is down: ${reason}`);
      else if (this.last.has(name)) this.logger.log(`${name} is back`);
      this.last.set(name, status);
    }
    return status;
  }
}
