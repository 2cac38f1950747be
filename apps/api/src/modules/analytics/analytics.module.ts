import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  AnalyticsProcess,
  AnalyticsQueries,
  AnalyticsViaPrimary,
  EventRecorder,
  EventSink,
  openAnalyticsStore,
  type AnalyticsStore,
} from '@gateway/analytics';
import { isClusterWorker } from '../../cluster/cluster-worker';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { analyticsProcessOptions, analyticsStoreConfig } from './analytics-config';
import { ANALYTICS_RUNTIME, ANALYTICS_STORE } from './analytics.tokens';

const logger = new Logger('Analytics');
const onLog = (level: 'warn' | 'error' | 'log', message: string) =>
  level === 'log' ? logger.log(message) : logger[level](message.split('\n')[0]);

/** The store the dashboards query and the sink the request path records into. */
interface AnalyticsRuntime {
  store: AnalyticsStore;
  sink: EventSink;
}

/**
 * ANALYTICS_PROCESS=separate (default): the store (chDB or ClickHouse), the journal, the spool and the
 * inserts live in a forked analytics process; this process only queues each turn's events to it.
 * inline: all of it in this process, as a single-process fallback.
 */
async function startAnalytics(config: AppConfig): Promise<AnalyticsRuntime> {
  const spoolDir = join(config.dataDir, 'spool');
  const where = config.clickhouse.url
    ? 'ClickHouse server'
    : `embedded ClickHouse (chDB) under ${config.dataDir}`;
  if (config.clickhouse.process === 'separate') {
    if (isClusterWorker()) {
      const p = AnalyticsViaPrimary.connect({ ...analyticsProcessOptions(config), onLog });
      return { store: p.store, sink: p.recorder };
    }
    const p = AnalyticsProcess.start({ ...analyticsProcessOptions(config), onLog });
    logger.log(`Recording to ${where} from the analytics process (pid ${p.pid})`);
    return { store: p.store, sink: p.recorder };
  }
  const store = await openAnalyticsStore(analyticsStoreConfig(config), {
    // The gateway serves anyway: rows wait in the spool until the server answers.
    onUnreachable: (err) =>
      logger.warn(
        `ClickHouse is unreachable (${err.message.split('\n')[0]}): serving anyway; analytics wait on disk and /ready reports analytics down until it answers`,
      ),
  });
  logger.log(`Recording to ${where}, in this process (ANALYTICS_PROCESS=inline)`);
  const sink = new EventRecorder(store, {
    spoolDir,
    onError: (e: Error) =>
      logger.warn(`Analytics write deferred (kept on disk): ${e.message.split('\n')[0]}`),
    onWarn: (message: string) => logger.warn(message),
  });
  return { store, sink };
}

@Global()
@Module({
  imports: [AuthModule, GatewaysModule],
  controllers: [AnalyticsController],
  providers: [
    { provide: ANALYTICS_RUNTIME, inject: [APP_CONFIG], useFactory: startAnalytics },
    {
      provide: ANALYTICS_STORE,
      inject: [ANALYTICS_RUNTIME],
      useFactory: (r: AnalyticsRuntime) => r.store,
    },
    {
      provide: EventSink,
      inject: [ANALYTICS_RUNTIME],
      useFactory: (r: AnalyticsRuntime) => r.sink,
    },
    {
      provide: AnalyticsQueries,
      inject: [ANALYTICS_STORE],
      useFactory: (store: AnalyticsStore) => new AnalyticsQueries(store),
    },
    AnalyticsService,
  ],
  exports: [EventSink, ANALYTICS_STORE],
})
export class AnalyticsModule implements OnApplicationShutdown {
  constructor(@Inject(ANALYTICS_RUNTIME) private readonly runtime: AnalyticsRuntime) {}

  /** Runs after the HTTP server drained: every recorded event is written or spooled before exit. */
  async onApplicationShutdown(): Promise<void> {
    await this.runtime.sink.close();
    await this.runtime.store.close();
  }
}
