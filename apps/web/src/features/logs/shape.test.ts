import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  formatBody,
  logsQuery,
  matchesFilters,
  mergeLive,
  statusTone,
} from './shape';
import type { LogRow } from '@gateway/contracts';

function logRow(overrides: Partial<LogRow> = {}): LogRow {
  return {
    request_id: 'req-1',
    client_request_id: null,
    gateway_id: 'g1',
    user_id: null,
    response_id: null,
    model: 'gpt-4o-mini',
    timestamp: '2026-01-01T10:00:00.000Z',
    endpoint: '/v1/chat/completions',
    operation: 'chat',
    client_format: 'openai',
    provider: 'openai',
    requested_model: 'gpt-4o-mini',
    upstream_model: 'gpt-4o-mini-2024-07-18',
    stream: true,
    status: 200,
    error_type: null,
    error_message: null,
    tokens_in: 12,
    tokens_out: 30,
    tokens_cached: 0,
    tokens_reasoning: 0,
    cost_usd: 0.00002,
    latency_ms: 420,
    ttft_ms: 120,
    upstream_latency_ms: 400,
    attempts: 1,
    key_id: 'key-a',
    ...overrides,
  };
}

const range = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') };

describe('logsQuery', () => {
  it('sends only the filters that are set', () => {
    expect(logsQuery(EMPTY_FILTERS, range, null, 50)).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-02T00:00:00.000Z',
      status: undefined,
      model: undefined,
      provider: undefined,
      key_id: undefined,
      operation: undefined,
      limit: 50,
      cursor: undefined,
    });
  });

  it('passes status, model, provider, key, endpoint and the page cursor', () => {
    const query = logsQuery(
      { status: '429', model: ' gpt-4o ', provider: 'openai', keyId: 'k1', operation: 'rerank' },
      range,
      'abc',
      25,
    );
    expect(query).toMatchObject({
      status: '429',
      model: 'gpt-4o',
      provider: 'openai',
      key_id: 'k1',
      operation: 'rerank',
      cursor: 'abc',
      limit: 25,
    });
  });
});

describe('matchesFilters', () => {
  it('applies success, error and exact status filters', () => {
    const failed = logRow({ status: 502 });
    expect(matchesFilters(failed, { ...EMPTY_FILTERS, status: 'error' })).toBe(true);
    expect(matchesFilters(failed, { ...EMPTY_FILTERS, status: 'success' })).toBe(false);
    expect(matchesFilters(failed, { ...EMPTY_FILTERS, status: '502' })).toBe(true);
    expect(matchesFilters(failed, { ...EMPTY_FILTERS, status: '500' })).toBe(false);
  });

  it('matches the model by requested or upstream name', () => {
    expect(matchesFilters(logRow(), { ...EMPTY_FILTERS, model: 'gpt-4o-mini-2024-07-18' })).toBe(
      true,
    );
    expect(matchesFilters(logRow(), { ...EMPTY_FILTERS, model: 'claude' })).toBe(false);
    expect(matchesFilters(logRow(), { ...EMPTY_FILTERS, keyId: 'key-b' })).toBe(false);
  });

  it('matches the endpoint kind', () => {
    expect(matchesFilters(logRow(), { ...EMPTY_FILTERS, operation: 'chat' })).toBe(true);
    expect(matchesFilters(logRow(), { ...EMPTY_FILTERS, operation: 'embeddings' })).toBe(false);
  });
});

describe('mergeLive', () => {
  it('puts new live rows first and never shows a request twice', () => {
    const page = [logRow({ request_id: 'a', timestamp: '2026-01-01T10:00:00Z' })];
    const live = [
      logRow({ request_id: 'b', timestamp: '2026-01-01T10:05:00Z' }),
      logRow({ request_id: 'a', timestamp: '2026-01-01T10:00:00Z' }),
    ];
    expect(mergeLive(page, live, EMPTY_FILTERS).map((r) => r.request_id)).toEqual(['b', 'a']);
  });

  it('keeps live rows out when they do not match the filters', () => {
    const live = [logRow({ request_id: 'b', status: 500 })];
    expect(mergeLive([], live, { ...EMPTY_FILTERS, status: 'success' })).toEqual([]);
  });
});

describe('statusTone and formatBody', () => {
  it('colours client errors and server errors differently', () => {
    expect(statusTone(200)).toBe('success');
    expect(statusTone(429)).toBe('warning');
    expect(statusTone(503)).toBe('danger');
  });

  it('indents JSON bodies whether stored as text or object', () => {
    expect(formatBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatBody({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatBody('plain text')).toBe('plain text');
    expect(formatBody(null)).toBeNull();
  });
});
