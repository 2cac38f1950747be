import type { GatewaySummary, SummaryLogEntry } from '@gateway/contracts';
import type { BreakdownDimension } from './queries/breakdown.query';
import type { Granularity } from './queries/time-range';

// The answers are the management API's contract: they live in @gateway/contracts, shared with the
// dashboard. The query shapes below are this library's own inputs.
export type {
  TimeseriesPoint,
  BreakdownRow,
  LogRow,
  LogDetail,
  LogsPage,
} from '@gateway/contracts';

/** The summary shape of the product this grew from: latencies in SECONDS, rates in PERCENT. */
export type SeedGatewayAnalytics = GatewaySummary;
export type SeedLogEntry = SummaryLogEntry;

export interface TimeseriesQuery {
  from: Date;
  to: Date;
  granularity: Granularity;
}

export interface BreakdownQuery {
  by: BreakdownDimension;
  from: Date;
  to: Date;
}

export interface LogsQuery {
  from?: Date;
  to?: Date;
  /** 'success' = status < 400, 'error' = status >= 400, a number = that exact status */
  status?: 'success' | 'error' | number;
  /** matches the effective model or the requested model */
  model?: string;
  provider?: string;
  keyId?: string;
  /** one of OPERATIONS (`embeddings`, `rerank`, …) */
  operation?: string;
  /** default 50, at most 1000 */
  limit?: number;
  /** next_cursor of the previous page */
  cursor?: string;
}

export interface ExportQuery {
  from: Date;
  to: Date;
  format: 'csv' | 'json';
}
