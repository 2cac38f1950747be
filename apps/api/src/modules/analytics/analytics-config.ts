import { join } from 'node:path';
import type { AnalyticsConfig, AnalyticsProcessOptions } from '@gateway/analytics';
import type { AppConfig } from '../../config/app-config';

export function analyticsStoreConfig(config: AppConfig): AnalyticsConfig {
  const c = config.clickhouse;
  return {
    url: c.url,
    username: c.username,
    password: c.password,
    database: c.database,
    retentionDays: c.retentionDays,
    dataDir: config.dataDir,
  };
}

/** The analytics process's settings, the same from a single process and from a cluster primary. */
export function analyticsProcessOptions(config: AppConfig): AnalyticsProcessOptions {
  return {
    store: analyticsStoreConfig(config),
    spoolDir: join(config.dataDir, 'spool'),
    closeTimeoutMs: Math.max(5000, config.http.shutdownGraceMs),
  };
}
