// Hour and day series read the hourly rollup (quantile states merged); minute series read raw rows.
// Both compute latency percentiles with ClickHouse `quantiles` (exact, interpolated, up to 8192 values
// per bucket; a reservoir sample beyond that).

const ROLLUP_SELECT = `
    sum(requests) AS requests,
    sum(tokens_in) AS tokens_in,
    sum(tokens_out) AS tokens_out,
    sum(cost) AS cost,
    sum(errors) AS errors,
    quantilesMerge(0.5, 0.95, 0.99)(latency_q) AS latency,
    quantilesMerge(0.5, 0.95)(ttft_q) AS ttft
FROM requests_hourly
WHERE gateway_id = {gatewayId:String}
  AND hour >= toDateTime({fromS:UInt32}, 'UTC')
  AND hour < toDateTime({toS:UInt32}, 'UTC')
GROUP BY t
ORDER BY t`;

export const TIMESERIES_HOUR_SQL = `SELECT toUnixTimestamp(hour) AS t,${ROLLUP_SELECT}`;

export const TIMESERIES_DAY_SQL = `SELECT toUnixTimestamp(toStartOfDay(hour)) AS t,${ROLLUP_SELECT}`;

export const TIMESERIES_MINUTE_SQL = `
SELECT
    toUnixTimestamp(toStartOfMinute(timestamp)) AS t,
    count() AS requests,
    sum(tokens_in) AS tokens_in,
    sum(tokens_out) AS tokens_out,
    sum(ifNull(cost_usd, 0)) AS cost,
    countIf(status >= 400) AS errors,
    quantiles(0.5, 0.95, 0.99)(latency_ms) AS latency,
    quantiles(0.5, 0.95)(ttft_ms) AS ttft
FROM requests
WHERE gateway_id = {gatewayId:String}
  AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND timestamp < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
GROUP BY t
ORDER BY t`;

export interface TimeseriesSqlRow {
  t: number | string;
  requests: number | string;
  tokens_in: number | string;
  tokens_out: number | string;
  cost: number | string;
  errors: number | string;
  latency: (number | null)[] | null;
  ttft: (number | null)[] | null;
}
