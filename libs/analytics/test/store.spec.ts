import {
  countRollupRequests,
  countRows,
  openTestStore,
  type TestStoreHandle,
} from './support/test-store';
import { makeEvent, makeEvents } from './support/event.factory';

describe('analytics store (real engine)', () => {
  let h: TestStoreHandle;

  beforeAll(async () => {
    h = await openTestStore();
  });

  afterAll(async () => {
    await h.dispose();
  });

  it('stores every column of an event and reads it back', async () => {
    const ev = makeEvent({
      gatewayId: 'gw-roundtrip',
      timestamp: Date.now() - 1234,
      keyId: null,
      userId: null,
      stream: true,
      status: 502,
      errorType: 'upstream_error',
      errorMessage: 'it\'s "broken"\nline 2',
      responseId: 'chatcmpl-1',
      tokensIn: 1500,
      tokensOut: 321,
      tokensCached: 1024,
      tokensReasoning: 64,
      costUsd: 0.012345678901,
      latencyMs: 1999,
      ttftMs: 345,
      upstreamLatencyMs: null,
      attempts: 3,
      requestBody: '{"model":"x"}',
      responseBody: null,
    });
    await h.store.insertEvents([ev], 'tok-roundtrip');
    const rows = await h.store.query<Record<string, unknown>>(
      `SELECT request_id, toUnixTimestamp64Milli(timestamp) AS ts, key_id, user_id, stream, status, error_type,
              error_message, response_id, tokens_in, tokens_out, tokens_cached, tokens_reasoning, cost_usd,
              latency_ms, ttft_ms, upstream_latency_ms, attempts, request_body, response_body, model
       FROM requests WHERE gateway_id = {g:String}`,
      { g: 'gw-roundtrip' },
    );
    expect(rows).toHaveLength(1);
    const r = rows[0];
    expect({
      ...r,
      ts: Number(r.ts),
      tokens_in: Number(r.tokens_in),
      tokens_out: Number(r.tokens_out),
    }).toEqual({
      request_id: ev.requestId,
      ts: ev.timestamp,
      key_id: null,
      user_id: null,
      stream: true,
      status: 502,
      error_type: 'upstream_error',
      error_message: 'it\'s "broken"\nline 2',
      response_id: 'chatcmpl-1',
      tokens_in: 1500,
      tokens_out: 321,
      tokens_cached: expect.anything(),
      tokens_reasoning: expect.anything(),
      cost_usd: 0.012345678901,
      latency_ms: 1999,
      ttft_ms: 345,
      upstream_latency_ms: null,
      attempts: 3,
      request_body: '{"model":"x"}',
      response_body: null,
      model: ev.upstreamModel,
    });
    expect(Number(r.tokens_cached)).toBe(1024);
    expect(Number(r.tokens_reasoning)).toBe(64);
  });

  it('counts a batch re-sent with the same dedup token once, in the raw table and the rollup', async () => {
    const rows = makeEvents(25, { gatewayId: 'gw-dedup' });
    await h.store.insertEvents(rows, 'tok-dedup');
    await h.store.insertEvents(rows, 'tok-dedup');
    await h.store.insertEvents(rows, 'tok-dedup');
    expect(await countRows(h.store, 'gw-dedup')).toBe(25);
    expect(await countRollupRequests(h.store, 'gw-dedup')).toBe(25);
  });

  it('writes a different batch with a different token', async () => {
    await h.store.insertEvents(makeEvents(3, { gatewayId: 'gw-two' }), 'tok-two-a');
    await h.store.insertEvents(makeEvents(4, { gatewayId: 'gw-two' }), 'tok-two-b');
    expect(await countRows(h.store, 'gw-two')).toBe(7);
  });

  it('binds parameters as values, so quotes in input cannot change the statement', async () => {
    await h.store.insertEvents([makeEvent({ gatewayId: "gw' OR 1=1 --" })], 'tok-inject');
    expect(await countRows(h.store, "gw' OR 1=1 --")).toBe(1);
    expect(await countRows(h.store, "x' OR '1'='1")).toBe(0);
  });

  it('rejects a failing query instead of returning no rows', async () => {
    await expect(h.store.query('SELECT no_such_column FROM requests', {})).rejects.toThrow(
      /no_such_column/,
    );
  });
});
