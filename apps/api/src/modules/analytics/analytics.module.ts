import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  AnalyticsQueries,
  EventRecorder,
  openAnalyticsStore,
  type AnalyticsStore,
} from '@gateway/analytics';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { ANALYTICS_STORE } from './analytics.tokens';

const logger = new Logger('Analytics');

/** ClickHouse (CLICKHOUSE_URL) or embedded chDB under DATA_DIR; the recorder batches writes off the hot path. */
@Global()
@Module({
  imports: [AuthModule, GatewaysModule],
  controllers: [AnalyticsController],
  providers: [
    {
      provide: ANALYTICS_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<AnalyticsStore> => {
        let reachable = true;
        const store = await openAnalyticsStore(
          { ...config.clickhouse, dataDir: config.dataDir },
          {
            // The gateway serves anyway: rows wait in the spool until the server answers.
            onUnreachable: (err) => {
              reachable = false;
              logger.warn(
                `ClickHouse is unreachable (${err.message.split('\n')[0]}): serving anyway; analytics wait on disk and /ready reports analytics down until it answers`,
              );
            },
          },
        );
        if (reachable) {
          logger.log(
            config.clickhouse.url
              ? 'Recording to ClickHouse server'
              : `Recording to embedded ClickHouse (chDB) under ${config.dataDir}`,
          );
        }
        return store;
      },
    },
    {
      provide: EventRecorder,
      inject: [ANALYTICS_STORE, APP_CONFIG],
      useFactory: (store: AnalyticsStore, config: AppConfig) =>
        // The journal (one segment per batch until the store has it) and dead-letter/ live here.
        new EventRecorder(store, {
          spoolDir: join(config.dataDir, 'spool'),
          onError: (e: Error) =>
            logger.warn(`Analytics write deferred (kept on disk): ${e.message.split('\n')[0]}`),
          onWarn: (message: string) => logger.warn(message),
        }),
    },
    {
      provide: AnalyticsQueries,
      inject: [ANALYTICS_STORE],
      useFactory: (store: AnalyticsStore) => new AnalyticsQueries(store),
    },
    AnalyticsService,
  ],
  exports: [EventRecorder, ANALYTICS_STORE],
})
export class AnalyticsModule implements OnApplicationShutdown {
  constructor(
    private readonly recorder: EventRecorder,
    @Inject(ANALYTICS_STORE) private readonly store: AnalyticsStore,
  ) {}

  /** Runs after the HTTP server drained: every recorded event is written or spooled before exit. */
  async onApplicationShutdown(): Promise<void> {
    await this.recorder.close();
    await this.store.close();
  }
}
