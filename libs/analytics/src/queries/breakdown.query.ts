import type { BreakdownDimension } from '@gateway/contracts';

export type { BreakdownDimension };

// The grouping expression comes from this fixed table, never from input.
const DIMENSION_EXPR = {
  model: 'model',
  provider: 'provider',
  key: 'key_id',
  status: 'toString(status)',
  client_format: 'client_format',
  operation: 'operation',
} as const satisfies Record<BreakdownDimension, string>;

function breakdownSql(expr: string): string {
  return `
SELECT
    ${expr} AS key,
    count() AS requests,
    sum(tokens_in) AS tokens_in,
    sum(tokens_out) AS tokens_out,
    sum(ifNull(cost_usd, 0)) AS cost,
    countIf(status >= 400) AS errors,
    avg(latency_ms) AS avg_latency_ms,
    quantile(0.95)(latency_ms) AS p95_latency_ms
FROM requests
WHERE gateway_id = {gatewayId:String}
  AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND timestamp < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
GROUP BY key
ORDER BY requests DESC, key ASC`;
}

export const BREAKDOWN_SQL: Record<BreakdownDimension, string> = {
  model: breakdownSql(DIMENSION_EXPR.model),
  provider: breakdownSql(DIMENSION_EXPR.provider),
  key: breakdownSql(DIMENSION_EXPR.key),
  status: breakdownSql(DIMENSION_EXPR.status),
  client_format: breakdownSql(DIMENSION_EXPR.client_format),
  operation: breakdownSql(DIMENSION_EXPR.operation),
};

export interface BreakdownSqlRow {
  key: string | null;
  requests: number | string;
  tokens_in: number | string;
  tokens_out: number | string;
  cost: number | string;
  errors: number | string;
  avg_latency_ms: number | string;
  p95_latency_ms: number | string;
}
