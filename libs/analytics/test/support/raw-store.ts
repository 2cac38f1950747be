import type { AnalyticsStore, QueryParams, RequestEvent } from '../../src';

const COLUMNS = [
  'timestamp',
  'request_id',
  'gateway_id',
  'key_id',
  'user_id',
  'endpoint',
  'client_format',
  'provider',
  'requested_model',
  'upstream_model',
  'stream',
  'status',
  'error_type',
  'error_message',
  'tokens_in',
  'tokens_out',
  'tokens_cached',
  'tokens_reasoning',
  'cost_usd',
  'latency_ms',
  'ttft_ms',
  'upstream_latency_ms',
  'attempts',
] as const;

const raw = (e: RequestEvent) => [
  e.timestamp,
  e.requestId,
  e.gatewayId,
  e.keyId,
  e.userId,
  e.endpoint,
  e.clientFormat,
  e.provider,
  e.requestedModel,
  e.upstreamModel,
  e.stream,
  e.status,
  e.errorType,
  e.errorMessage,
  e.tokensIn,
  e.tokensOut,
  e.tokensCached,
  e.tokensReasoning,
  e.costUsd,
  e.latencyMs,
  e.ttftMs,
  e.upstreamLatencyMs,
  e.attempts,
];

/**
 * The real store, but inserts skip the row sanitiser: the rows go to the engine exactly as recorded, so
 * a test can make the real engine reject a row (e.g. a lone surrogate) the way an unsanitised value did.
 * `fail` lets a test inject any other failure for the rows it matches.
 */
export class RawStore implements AnalyticsStore {
  insertCalls = 0;
  fail: ((rows: RequestEvent[]) => Error | null) | null = null;

  constructor(private readonly inner: AnalyticsStore) {}

  get kind(): AnalyticsStore['kind'] {
    return this.inner.kind;
  }

  async insertEvents(rows: RequestEvent[], dedupToken: string): Promise<void> {
    this.insertCalls += 1;
    const injected = this.fail?.(rows);
    if (injected) throw injected;
    if (!/^[\w-]+$/.test(dedupToken)) throw new Error('unexpected token');
    const payload = rows.map((r) => JSON.stringify(raw(r))).join('\n');
    await this.inner.command(
      `INSERT INTO requests (${COLUMNS.join(', ')}) SETTINGS insert_deduplicate = 1, ` +
        `deduplicate_blocks_in_dependent_materialized_views = 1, ` +
        `insert_deduplication_token = '${dedupToken}' FORMAT JSONCompactEachRow\n${payload}`,
    );
  }

  query<T>(sql: string, params: QueryParams): Promise<T[]> {
    return this.inner.query<T>(sql, params);
  }

  command(sql: string, params?: QueryParams): Promise<void> {
    return this.inner.command(sql, params);
  }

  async close(): Promise<void> {
    // The wrapped store belongs to the test file's handle.
  }
}
