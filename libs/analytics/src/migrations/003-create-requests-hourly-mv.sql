CREATE MATERIALIZED VIEW IF NOT EXISTS requests_hourly_mv TO requests_hourly AS
SELECT
    gateway_id,
    toStartOfHour(timestamp) AS hour,
    if(upstream_model != '', upstream_model, requested_model) AS model,
    provider,
    count() AS requests,
    countIf(status >= 400) AS errors,
    sum(tokens_in) AS tokens_in,
    sum(tokens_out) AS tokens_out,
    sum(ifNull(cost_usd, 0)) AS cost,
    sum(toUInt64(latency_ms)) AS latency_sum,
    min(latency_ms) AS latency_min,
    max(latency_ms) AS latency_max,
    quantilesState(0.5, 0.95, 0.99)(latency_ms) AS latency_q,
    quantilesState(0.5, 0.95)(ttft_ms) AS ttft_q
FROM requests
GROUP BY gateway_id, hour, model, provider;
