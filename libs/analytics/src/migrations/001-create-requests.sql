-- One row per proxied request. Ordered for per-gateway time-range scans; the request id closes the key so
-- keyset pagination (timestamp, request_id) is a range read. The deduplication window makes a batch
-- re-sent with the same insert_deduplication_token a no-op (replays and retries never double count).
-- The TTL here is the default; openAnalyticsStore() rewrites it to cfg.retentionDays.
CREATE TABLE IF NOT EXISTS requests
(
    timestamp DateTime64(3, 'UTC'),
    request_id String,
    gateway_id LowCardinality(String),
    key_id Nullable(String),
    user_id Nullable(String),
    endpoint LowCardinality(String),
    client_format LowCardinality(String),
    provider LowCardinality(String),
    requested_model LowCardinality(String),
    upstream_model LowCardinality(String),
    model LowCardinality(String) MATERIALIZED if(upstream_model != '', upstream_model, requested_model),
    stream Bool,
    status UInt16,
    error_type LowCardinality(Nullable(String)),
    error_message Nullable(String),
    response_id Nullable(String),
    tokens_in UInt64,
    tokens_out UInt64,
    tokens_cached UInt64,
    tokens_reasoning UInt64,
    cost_usd Nullable(Float64),
    latency_ms UInt32,
    ttft_ms Nullable(UInt32),
    upstream_latency_ms Nullable(UInt32),
    attempts UInt16,
    request_body Nullable(String) CODEC(ZSTD(3)),
    response_body Nullable(String) CODEC(ZSTD(3)),
    -- log detail looks a request up by id alone; the bloom filter skips granules that cannot hold it
    INDEX idx_request_id request_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(timestamp)
ORDER BY (gateway_id, timestamp, request_id)
TTL toDateTime(timestamp) + toIntervalDay(90)
SETTINGS non_replicated_deduplication_window = 10000;
