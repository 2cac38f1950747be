-- Hourly rollup per gateway, model and provider. Sums are SimpleAggregateFunction; latency percentiles
-- are quantile states merged at read time (quantilesMerge), so hour and day series never scan raw rows.
-- Its own deduplication window lets a deduplicated source block stay deduplicated here too.
CREATE TABLE IF NOT EXISTS requests_hourly
(
    gateway_id LowCardinality(String),
    hour DateTime('UTC'),
    model LowCardinality(String),
    provider LowCardinality(String),
    requests SimpleAggregateFunction(sum, UInt64),
    errors SimpleAggregateFunction(sum, UInt64),
    tokens_in SimpleAggregateFunction(sum, UInt64),
    tokens_out SimpleAggregateFunction(sum, UInt64),
    cost SimpleAggregateFunction(sum, Float64),
    latency_sum SimpleAggregateFunction(sum, UInt64),
    latency_min SimpleAggregateFunction(min, UInt32),
    latency_max SimpleAggregateFunction(max, UInt32),
    latency_q AggregateFunction(quantiles(0.5, 0.95, 0.99), UInt32),
    ttft_q AggregateFunction(quantiles(0.5, 0.95), Nullable(UInt32))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (gateway_id, hour, model, provider)
TTL hour + toIntervalDay(90)
SETTINGS non_replicated_deduplication_window = 10000;
