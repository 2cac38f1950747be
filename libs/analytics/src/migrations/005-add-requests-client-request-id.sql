-- A client's own x-request-id, shown to it as the request id (x-gateway-request-id) and accepted by the log
-- lookup. A column of its own, not request_id: request_id stays the gateway's unique id, the key of batch
-- deduplication and of crash recovery, which a client reusing its ids must never be able to defeat.
ALTER TABLE requests ADD COLUMN IF NOT EXISTS client_request_id Nullable(String) AFTER request_id;
ALTER TABLE requests ADD INDEX IF NOT EXISTS idx_client_request_id client_request_id TYPE bloom_filter(0.01) GRANULARITY 4;
