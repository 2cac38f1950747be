import type { AnalyticsStore } from './analytics-store';
import type {
  BreakdownQuery,
  BreakdownRow,
  ExportQuery,
  LogDetail,
  LogRow,
  LogsPage,
  LogsQuery,
  SeedGatewayAnalytics,
  SeedLogEntry,
  TimeseriesPoint,
  TimeseriesQuery,
} from './analytics-queries.types';
import { BREAKDOWN_SQL, type BreakdownSqlRow } from './queries/breakdown.query';
import { csvLine } from './queries/csv';
import { decodeCursor, encodeCursor } from './queries/log-cursor';
import {
  LOGS_END_MS,
  LOGS_SQL,
  LOG_DETAIL_SQL,
  type LogDetailSqlRow,
  type LogSqlRow,
} from './queries/logs.query';
import {
  type DailySqlRow,
  type ModelSqlRow,
  SUMMARY_DAILY_SQL,
  SUMMARY_MODELS_SQL,
  SUMMARY_TOTALS_SQL,
  type TotalsSqlRow,
} from './queries/summary.query';
import { assertRange, bucketStarts, floorTo, isoDate } from './queries/time-range';
import {
  TIMESERIES_DAY_SQL,
  TIMESERIES_HOUR_SQL,
  TIMESERIES_MINUTE_SQL,
  type TimeseriesSqlRow,
} from './queries/timeseries.query';

export const SEED_LOGS_LIMIT = 100;
export const DEFAULT_LOGS_LIMIT = 50;
export const MAX_LOGS_LIMIT = 1000;
const EXPORT_PAGE_ROWS = 5000;
const DAY_MS = 86_400_000;

// 64-bit integers may arrive as JSON strings (a ClickHouse server quotes them by default).
function num(v: number | string | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}

function optNum(v: number | string | null | undefined): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

function successRate(errors: number, requests: number): number {
  return requests === 0 ? 0 : 100 - pct(errors, requests);
}

function toLogRow(r: LogSqlRow): LogRow {
  return {
    request_id: r.request_id,
    client_request_id: r.client_request_id,
    timestamp: new Date(num(r.ts_ms)).toISOString(),
    gateway_id: r.gateway_id,
    key_id: r.key_id,
    user_id: r.user_id,
    endpoint: r.endpoint,
    operation: r.operation,
    client_format: r.client_format,
    provider: r.provider,
    requested_model: r.requested_model,
    upstream_model: r.upstream_model,
    model: r.model,
    stream: r.stream === true || r.stream === 1,
    status: num(r.status),
    error_type: r.error_type,
    error_message: r.error_message,
    response_id: r.response_id,
    tokens_in: num(r.tokens_in),
    tokens_out: num(r.tokens_out),
    tokens_cached: num(r.tokens_cached),
    tokens_reasoning: num(r.tokens_reasoning),
    cost_usd: optNum(r.cost_usd),
    latency_ms: num(r.latency_ms),
    ttft_ms: optNum(r.ttft_ms),
    upstream_latency_ms: optNum(r.upstream_latency_ms),
    attempts: num(r.attempts),
  };
}

export function toSeedLogEntry(r: LogRow): SeedLogEntry {
  return {
    id: r.request_id,
    response_id: r.response_id,
    timestamp: r.timestamp,
    gateway_id: r.gateway_id,
    model: r.model,
    provider: r.provider,
    tokens_prompt: r.tokens_in,
    tokens_completion: r.tokens_out,
    request_type: r.stream ? 'stream' : 'non-stream',
    status: r.status >= 400 ? 'error' : 'success',
    cost: r.cost_usd,
    latency: r.latency_ms / 1000,
    error_message: r.error_message,
    http_status_code: r.status,
    endpoint: r.endpoint,
  };
}

/** Column order of CSV exports (the LogRow fields; bodies are never exported). */
export const EXPORT_COLUMNS: readonly (keyof LogRow)[] = [
  'request_id',
  'client_request_id',
  'timestamp',
  'gateway_id',
  'key_id',
  'user_id',
  'endpoint',
  'operation',
  'client_format',
  'provider',
  'requested_model',
  'upstream_model',
  'model',
  'stream',
  'status',
  'error_type',
  'error_message',
  'response_id',
  'tokens_in',
  'tokens_out',
  'tokens_cached',
  'tokens_reasoning',
  'cost_usd',
  'latency_ms',
  'ttft_ms',
  'upstream_latency_ms',
  'attempts',
];

/** The read side: every figure the API serves, one parameterized statement per question. */
export class AnalyticsQueries {
  constructor(private readonly store: AnalyticsStore) {}

  /**
   * The last `days` whole UTC days up to and including the day of `now`, from the hourly rollup.
   * With includeLogs, also the newest SEED_LOGS_LIMIT requests of that range.
   */
  async gatewaySummary(
    gatewayId: string,
    days: number,
    includeLogs: boolean,
    now: Date = new Date(),
  ): Promise<SeedGatewayAnalytics> {
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      throw new RangeError(`days must be an integer between 1 and 3650, got ${days}`);
    }
    const endDay = floorTo(now.getTime(), 'day');
    const fromMs = endDay - (days - 1) * DAY_MS;
    const toMs = endDay + DAY_MS;
    const params = { gatewayId, fromS: fromMs / 1000, toS: toMs / 1000 };
    const [totalsRows, modelRows, dailyRows, logs] = await Promise.all([
      this.store.query<TotalsSqlRow>(SUMMARY_TOTALS_SQL, params),
      this.store.query<ModelSqlRow>(SUMMARY_MODELS_SQL, params),
      this.store.query<DailySqlRow>(SUMMARY_DAILY_SQL, params),
      includeLogs
        ? this.logs(gatewayId, {
            from: new Date(fromMs),
            to: new Date(toMs),
            limit: SEED_LOGS_LIMIT,
          })
        : Promise.resolve(null),
    ]);

    const t = totalsRows[0];
    const requests = num(t?.requests);
    const errors = num(t?.errors);
    const tokensIn = num(t?.tokens_in);
    const tokensOut = num(t?.tokens_out);

    const modelBreakdown: SeedGatewayAnalytics['model_breakdown'] = {};
    for (const m of modelRows) {
      const n = num(m.requests);
      modelBreakdown[m.model] = {
        requests: n,
        tokens_in: num(m.tokens_in),
        tokens_out: num(m.tokens_out),
        total_tokens: num(m.tokens_in) + num(m.tokens_out),
        cost: num(m.cost),
        avg_latency: n === 0 ? 0 : num(m.latency_sum) / n / 1000,
      };
    }

    const byDate = new Map(dailyRows.map((d) => [d.date, d]));
    const dailyStats: SeedGatewayAnalytics['daily_stats'] = [];
    for (let day = fromMs; day < toMs; day += DAY_MS) {
      const date = isoDate(day);
      const d = byDate.get(date);
      const n = num(d?.requests);
      dailyStats.push({
        date,
        requests: n,
        tokens_in: num(d?.tokens_in),
        tokens_out: num(d?.tokens_out),
        cost: num(d?.cost),
        errors: num(d?.errors),
        success_rate: successRate(num(d?.errors), n),
      });
    }

    return {
      gateway_id: gatewayId,
      date_range: { start_date: isoDate(fromMs), end_date: isoDate(endDay), days },
      summary: {
        total_requests: requests,
        tokens_in: tokensIn,
        tokens_out: tokensOut,
        total_tokens: tokensIn + tokensOut,
        total_cost: num(t?.cost),
        avg_latency: requests === 0 ? 0 : num(t?.latency_sum) / requests / 1000,
        min_latency: requests === 0 ? 0 : num(t?.latency_min) / 1000,
        max_latency: requests === 0 ? 0 : num(t?.latency_max) / 1000,
        error_count: errors,
        error_rate: pct(errors, requests),
        success_rate: successRate(errors, requests),
      },
      model_breakdown: modelBreakdown,
      daily_stats: dailyStats,
      logs: logs === null ? null : logs.items.map(toSeedLogEntry),
    };
  }

  /**
   * Buckets from floor(from) to `to` (exclusive), every bucket present (zero-filled). Minute buckets read
   * raw rows; hour and day buckets read the hourly rollup, so they always cover whole hours.
   */
  async timeseries(gatewayId: string, q: TimeseriesQuery): Promise<TimeseriesPoint[]> {
    const starts = bucketStarts(q.from, q.to, q.granularity);
    const fromMs = starts[0];
    const toMs = q.to.getTime();
    let rows: TimeseriesSqlRow[];
    switch (q.granularity) {
      case 'minute':
        rows = await this.store.query<TimeseriesSqlRow>(TIMESERIES_MINUTE_SQL, {
          gatewayId,
          fromMs,
          toMs,
        });
        break;
      case 'hour':
      case 'day':
        rows = await this.store.query<TimeseriesSqlRow>(
          q.granularity === 'hour' ? TIMESERIES_HOUR_SQL : TIMESERIES_DAY_SQL,
          { gatewayId, fromS: fromMs / 1000, toS: Math.ceil(toMs / 3_600_000) * 3600 },
        );
        break;
    }
    const byStart = new Map(rows.map((r) => [num(r.t) * 1000, r]));
    return starts.map((start) => {
      const r = byStart.get(start);
      const requests = num(r?.requests);
      const errors = num(r?.errors);
      const latency = requests > 0 ? (r?.latency ?? null) : null;
      const ttft = requests > 0 ? (r?.ttft ?? null) : null;
      return {
        t: new Date(start).toISOString(),
        requests,
        tokens_in: num(r?.tokens_in),
        tokens_out: num(r?.tokens_out),
        cost: num(r?.cost),
        errors,
        error_rate: pct(errors, requests),
        latency_p50: latency?.[0] ?? null,
        latency_p95: latency?.[1] ?? null,
        latency_p99: latency?.[2] ?? null,
        ttft_p50: ttft?.[0] ?? null,
        ttft_p95: ttft?.[1] ?? null,
      };
    });
  }

  /** Raw rows of [from, to) grouped by one dimension, most requests first. */
  async breakdown(gatewayId: string, q: BreakdownQuery): Promise<BreakdownRow[]> {
    assertRange(q.from, q.to);
    const rows = await this.store.query<BreakdownSqlRow>(BREAKDOWN_SQL[q.by], {
      gatewayId,
      fromMs: q.from.getTime(),
      toMs: q.to.getTime(),
    });
    return rows.map((r) => ({
      key: r.key,
      requests: num(r.requests),
      tokens_in: num(r.tokens_in),
      tokens_out: num(r.tokens_out),
      cost: num(r.cost),
      errors: num(r.errors),
      avg_latency_ms: num(r.avg_latency_ms),
      p95_latency_ms: num(r.p95_latency_ms),
    }));
  }

  /** Newest first; `next_cursor` is null on the last page. */
  async logs(gatewayId: string, q: LogsQuery = {}): Promise<LogsPage> {
    const limit = q.limit ?? DEFAULT_LOGS_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LOGS_LIMIT) {
      throw new RangeError(
        `limit must be an integer between 1 and ${MAX_LOGS_LIMIT}, got ${limit}`,
      );
    }
    return this.logsPage(gatewayId, q, limit);
  }

  private async logsPage(gatewayId: string, q: LogsQuery, limit: number): Promise<LogsPage> {
    const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const toMs = q.to?.getTime() ?? LOGS_END_MS;
    const status = q.status;
    const rows = await this.store.query<LogSqlRow>(LOGS_SQL, {
      gatewayId,
      fromMs: q.from?.getTime() ?? 0,
      toMs,
      // Without a cursor, (to, '') bounds nothing beyond timestamp < to.
      cursorMs: cursor?.timestampMs ?? toMs,
      cursorId: cursor?.requestId ?? '',
      statusMode: status === undefined ? 'any' : typeof status === 'number' ? 'code' : status,
      statusCode: typeof status === 'number' ? status : 0,
      model: q.model ?? '',
      provider: q.provider ?? '',
      keyId: q.keyId ?? '',
      operation: q.operation ?? '',
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(toLogRow);
    const last = items[items.length - 1];
    const next_cursor =
      rows.length > limit && last
        ? encodeCursor({ timestampMs: Date.parse(last.timestamp), requestId: last.request_id })
        : null;
    return { items, next_cursor };
  }

  /**
   * One request with its logged bodies, or null when this gateway has no such request. `requestId` is the
   * gateway's id or the client's own `x-request-id`; a reused client id finds its newest request.
   */
  async logDetail(gatewayId: string, requestId: string): Promise<LogDetail | null> {
    const rows = await this.store.query<LogDetailSqlRow>(LOG_DETAIL_SQL, { gatewayId, requestId });
    const r = rows[0];
    if (!r) return null;
    return { ...toLogRow(r), request_body: r.request_body, response_body: r.response_body };
  }

  /**
   * Every request of [from, to), newest first, as CSV (header line, CRLF) or a JSON array of LogRow,
   * yielded one page (EXPORT_PAGE_ROWS rows) at a time so memory stays flat for any range.
   */
  async *exportRows(gatewayId: string, q: ExportQuery): AsyncIterable<string> {
    assertRange(q.from, q.to);
    if (q.format === 'csv') yield csvLine(EXPORT_COLUMNS);
    else yield '[';
    let cursor: string | undefined;
    let first = true;
    for (;;) {
      const page = await this.logsPage(
        gatewayId,
        { from: q.from, to: q.to, cursor },
        EXPORT_PAGE_ROWS,
      );
      if (page.items.length > 0) {
        let chunk = '';
        for (const row of page.items) {
          if (q.format === 'csv') {
            chunk += csvLine(EXPORT_COLUMNS.map((c) => row[c]));
          } else {
            chunk += (first ? '' : ',') + JSON.stringify(row);
            first = false;
          }
        }
        yield chunk;
      }
      if (page.next_cursor === null) break;
      cursor = page.next_cursor;
    }
    if (q.format === 'json') yield ']';
  }
}
