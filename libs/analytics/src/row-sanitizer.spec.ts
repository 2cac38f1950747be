import type { RequestEvent } from './request-event';
import { toJsonCompactEachRow, toRequestRow } from './request-event';
import { COLUMN_LIMITS, boundedText, wellFormed } from './row-sanitizer';

const base: RequestEvent = {
  timestamp: Date.UTC(2025, 0, 2, 3, 4, 5, 6),
  requestId: 'req-1',
  gatewayId: 'gw-1',
  keyId: null,
  userId: null,
  endpoint: '/v1/chat/completions',
  operation: 'chat',
  clientFormat: 'openai-chat',
  provider: 'openai',
  requestedModel: 'gpt-4o-mini',
  upstreamModel: 'gpt-4o-mini',
  stream: false,
  status: 200,
  errorType: null,
  errorMessage: null,
  tokensIn: 10,
  tokensOut: 5,
  tokensCached: 0,
  tokensReasoning: 0,
  costUsd: 0.5,
  latencyMs: 12,
  ttftMs: null,
  upstreamLatencyMs: 10,
  attempts: 1,
};

// JSON.stringify keeps a lone surrogate as an escape ClickHouse cannot parse; a pair is fine.
const hasLoneSurrogateEscape = (payload: string) =>
  /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i.test(
    payload,
  );

describe('events journaled before the operation column', () => {
  it('get the operation their path implies', () => {
    const old = (endpoint: string) =>
      toRequestRow({ ...base, operation: undefined as unknown as string, endpoint }).operation;
    expect(old('/v1/chat/completions')).toBe('chat');
    expect(old('/v1/messages/count_tokens')).toBe('count_tokens');
    expect(old('/v1beta/models/{model}:countTokens')).toBe('count_tokens');
    expect(old('/v1/models')).toBe('models');
  });
});

describe('row sanitiser', () => {
  it('replaces lone surrogates with U+FFFD and keeps valid pairs', () => {
    expect(wellFormed('gpt-4o-mini\ud800')).toBe('gpt-4o-mini\uFFFD');
    expect(wellFormed('\udc00x\ud83d\ude00')).toBe('\uFFFDx\ud83d\ude00');
    const row = toRequestRow({
      ...base,
      requestedModel: 'gpt-4o-mini\ud800',
      errorMessage: 'a\udfff',
    });
    expect(row.requested_model).toBe('gpt-4o-mini\uFFFD');
    expect(row.error_message).toBe('a\uFFFD');
    expect(hasLoneSurrogateEscape(toJsonCompactEachRow([{ ...base, requestId: '\ud800' }]))).toBe(
      false,
    );
  });

  it('keeps NUL out of names and ids, and leaves it (escaped) in free text', () => {
    const row = toRequestRow({
      ...base,
      upstreamModel: 'gpt\u0000-4o',
      requestId: 'r\u0007',
      errorMessage: 'x\u0000y',
    });
    expect(row.upstream_model).toBe('gpt\uFFFD-4o');
    expect(row.request_id).toBe('r\uFFFD');
    expect(row.error_message).toBe('x\u0000y');
  });

  it('bounds 1 MB strings per column without splitting a surrogate pair', () => {
    const mb = 'x'.repeat(1024 * 1024);
    const row = toRequestRow({
      ...base,
      requestedModel: mb,
      requestId: mb,
      errorMessage: mb,
      requestBody: mb,
      responseBody: '\ud83d\ude00'.repeat(600 * 1024),
    });
    expect(row.requested_model).toHaveLength(COLUMN_LIMITS.name);
    expect(row.request_id).toHaveLength(COLUMN_LIMITS.id);
    expect(row.error_message).toHaveLength(COLUMN_LIMITS.errorMessage);
    expect(row.request_body).toHaveLength(COLUMN_LIMITS.body);
    expect(row.response_body).toHaveLength(COLUMN_LIMITS.body);
    expect(row.response_body!.endsWith('\ud83d\ude00')).toBe(true);
    expect(boundedText('ab\ud83d\ude00', 3)).toBe('ab');
  });

  it('turns NaN, Infinity, negative and huge numbers into values the column types hold', () => {
    const row = toRequestRow({
      ...base,
      timestamp: NaN,
      status: 1e9,
      tokensIn: NaN,
      tokensOut: -5,
      tokensCached: Infinity,
      tokensReasoning: 1e300,
      costUsd: Infinity,
      latencyMs: 1e12,
      ttftMs: NaN,
      upstreamLatencyMs: -1,
      attempts: 2.6,
    });
    expect(Math.abs(row.timestamp - Date.now())).toBeLessThan(60_000);
    expect(row).toMatchObject({
      status: 65535,
      tokens_in: 0,
      tokens_out: 0,
      tokens_cached: 0,
      tokens_reasoning: Number.MAX_SAFE_INTEGER,
      cost_usd: null,
      latency_ms: 4294967295,
      ttft_ms: null,
      upstream_latency_ms: 0,
      attempts: 3,
    });
    expect(toRequestRow({ ...base, timestamp: Date.UTC(2400, 0, 1) }).timestamp).not.toBe(
      Date.UTC(2400, 0, 1),
    );
    expect(toRequestRow({ ...base, timestamp: -1 }).timestamp).toBeGreaterThan(0);
    expect(toRequestRow(base).timestamp).toBe(base.timestamp);
  });

  it('reads only the known fields of an event with prototype-named keys and wrong types', () => {
    const hostile = JSON.parse(
      JSON.stringify({ ...base, constructor: 'x', toString: 1 }).replace(
        '{',
        '{"__proto__":{"requestId":"polluted"},',
      ),
    ) as RequestEvent;
    const row = toRequestRow({
      ...hostile,
      requestId: 'own',
      gatewayId: 42 as unknown as string,
      stream: 'yes' as unknown as boolean,
      keyId: undefined as unknown as null,
    });
    expect(row).toMatchObject({ request_id: 'own', gateway_id: '42', stream: false, key_id: null });
    expect(Object.keys(row)).not.toContain('__proto__');
    expect(() => JSON.parse(toJsonCompactEachRow([hostile]).trim())).not.toThrow();
  });
});
