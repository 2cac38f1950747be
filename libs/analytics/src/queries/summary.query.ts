// The seed summary reads only the hourly rollup: totals, per-model and per-day figures for whole UTC days.

const RANGE = `
WHERE gateway_id = {gatewayId:String}
  AND hour >= toDateTime({fromS:UInt32}, 'UTC')
  AND hour < toDateTime({toS:UInt32}, 'UTC')`;

const FIGURES = `
    sum(requests) AS requests,
    sum(tokens_in) AS tokens_in,
    sum(tokens_out) AS tokens_out,
    sum(cost) AS cost,
    sum(errors) AS errors,
    sum(latency_sum) AS latency_sum`;

export const SUMMARY_TOTALS_SQL = `
SELECT${FIGURES},
    min(latency_min) AS latency_min,
    max(latency_max) AS latency_max
FROM requests_hourly${RANGE}`;

export const SUMMARY_MODELS_SQL = `
SELECT model,${FIGURES}
FROM requests_hourly${RANGE}
GROUP BY model
ORDER BY requests DESC, model ASC`;

export const SUMMARY_DAILY_SQL = `
SELECT toString(toDate(hour)) AS date,${FIGURES}
FROM requests_hourly${RANGE}
GROUP BY date
ORDER BY date`;

export interface FiguresSqlRow {
  requests: number | string;
  tokens_in: number | string;
  tokens_out: number | string;
  cost: number | string;
  errors: number | string;
  latency_sum: number | string;
}

export interface TotalsSqlRow extends FiguresSqlRow {
  latency_min: number | string;
  latency_max: number | string;
}

export interface ModelSqlRow extends FiguresSqlRow {
  model: string;
}

export interface DailySqlRow extends FiguresSqlRow {
  date: string;
}
