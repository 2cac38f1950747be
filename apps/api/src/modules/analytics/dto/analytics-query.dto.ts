// The query schemas live in @gateway/contracts, shared with the dashboard.
export {
  SummaryQuery,
  TimeseriesQuery,
  BreakdownQuery,
  LogsQuery,
  ExportQuery,
  type GatewaySummary as GatewaySummaryDto,
  type TimeseriesResponse as TimeseriesDto,
  type BreakdownResponse as BreakdownDto,
  type LogsPage as LogsPageDto,
  type LogDetail as LogDetailDto,
} from '@gateway/contracts';

/** A time range defaulting to the last 24 hours (or `defaultMs`) before `to` (or now). */
export function resolveRange(
  q: { from?: Date; to?: Date },
  defaultMs = 24 * 3600 * 1000,
): { from: Date; to: Date } {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - defaultMs);
  return { from, to };
}
