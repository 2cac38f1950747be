import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RedisConnection } from '../redis/redis-connection';
import { DurableCounters } from './durable-counters';
import { LimitUsageEntity, SpendFlushEntity } from './limit-usage.entity';
import { SpendLedger } from './spend-ledger';
import { SpendRepository } from './spend.repository';
import { SubjectLimiter } from './subject-limiter';

/**
 * Limit counters of every subject: ephemeral rate limits, and token quotas and budgets kept in Redis
 * (or memory) and persisted in Postgres by this replica's ledger.
 */
@Module({
  imports: [TypeOrmModule.forFeature([LimitUsageEntity, SpendFlushEntity])],
  providers: [
    SpendRepository,
    {
      provide: SubjectLimiter,
      inject: [RedisConnection, SpendRepository, APP_CONFIG],
      useFactory: (redis: RedisConnection, repo: SpendRepository, config: AppConfig) =>
        new SubjectLimiter(
          { redis: redis.client, keyPrefix: redis.prefix },
          new DurableCounters(
            redis.client,
            redis.prefix,
            new SpendLedger(repo, config.spendFlushMs),
          ),
        ),
    },
  ],
  exports: [SubjectLimiter],
})
export class LimitsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(SubjectLimiter) private readonly limiter: SubjectLimiter) {}

  /** Loads the current periods' spend from Postgres and joins Redis's counters. */
  onModuleInit(): Promise<void> {
    return this.limiter.start();
  }

  /** Runs after the HTTP server drained (every request settled) and before Postgres closes. */
  onApplicationShutdown(): Promise<void> {
    return this.limiter.stop();
  }
}
