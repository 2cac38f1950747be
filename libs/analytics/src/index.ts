export type { RequestEvent } from './request-event';
export { toLiveLogRow } from './request-event';
export type { AnalyticsConfig, AnalyticsStore, QueryParams } from './analytics-store';
export { DEFAULT_RETENTION_DAYS } from './analytics-store';
export { openAnalyticsStore, type OpenStoreHooks } from './open-analytics-store';
export { EventRecorder, type EventRecorderOptions } from './event-recorder';
export { EventSink, type EventRecorderStats } from './event-sink';
export {
  AnalyticsProcess,
  RemoteEventRecorder,
  type AnalyticsProcessOptions,
} from './process/analytics-process';
export {
  AnalyticsViaPrimary,
  broadcastStats,
  relayAnalytics,
} from './process/analytics-via-primary';
export {
  AnalyticsQueries,
  EXPORT_COLUMNS,
  SEED_LOGS_LIMIT,
  DEFAULT_LOGS_LIMIT,
  MAX_LOGS_LIMIT,
} from './analytics-queries';
export type {
  SeedGatewayAnalytics,
  SeedLogEntry,
  TimeseriesQuery,
  TimeseriesPoint,
  BreakdownQuery,
  BreakdownRow,
  LogsQuery,
  LogRow,
  LogDetail,
  LogsPage,
  ExportQuery,
} from './analytics-queries.types';
export type { Granularity } from './queries/time-range';
export { EARLIEST_MS, LATEST_MS } from './queries/time-range';
export type { BreakdownDimension } from './queries/breakdown.query';
export { InvalidCursorError } from './queries/log-cursor';
