import type { RequestEvent } from '../request-event';
import { packEvent, packEvents, unpackEvent, unpackEvents } from './protocol';

/** Every field set: a field added to RequestEvent must be added here (the type says so) and packed. */
const full: Required<RequestEvent> = {
  timestamp: 1_764_000_000_123,
  requestId: 'req-1',
  clientRequestId: 'client-1',
  gatewayId: 'gw-1',
  keyId: 'key-1',
  userId: 'user-1',
  endpoint: '/v1/models',
  method: 'GET',
  operation: 'chat',
  clientFormat: 'openai-chat',
  provider: 'anthropic',
  requestedModel: 'claude-sonnet-4-5',
  upstreamModel: 'claude-sonnet-4-5-20250929',
  stream: true,
  status: 429,
  errorType: 'rate_limit_error',
  errorMessage: 'slow down',
  tokensIn: 120,
  tokensOut: 7,
  tokensCached: 100,
  tokensReasoning: 3,
  costUsd: 0.000123,
  latencyMs: 812.5,
  ttftMs: 95.25,
  upstreamLatencyMs: 800.125,
  attempts: 2,
  responseId: 'msg_1',
  requestBody: '{"model":"x"}',
  responseBody: '{"id":"msg_1"}',
};

/** What the pipe does to a message: node's 'json' serialization. */
const overThePipe = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('packed events on the IPC pipe', () => {
  it('carries every field of an event across the pipe', () => {
    expect(unpackEvent(overThePipe(packEvent(full)))).toEqual(full);
  });

  it('leaves absent optional fields absent, and keeps nulls of required ones', () => {
    const { clientRequestId, method, responseId, requestBody, responseBody, ...required } = full;
    void [clientRequestId, method, responseId, requestBody, responseBody];
    const minimal: RequestEvent = { ...required, keyId: null, costUsd: null, ttftMs: null };
    const back = unpackEvent(overThePipe(packEvent(minimal)));
    expect(back).toEqual(minimal);
    expect(Object.keys(back).sort()).toEqual(Object.keys(minimal).sort());
  });

  it('keeps a batch in order and sends about half the bytes of the objects', () => {
    const batch = [full, { ...full, requestId: 'req-2' }, { ...full, requestId: 'req-3' }];
    expect(unpackEvents(overThePipe(packEvents(batch))).map((e) => e.requestId)).toEqual([
      'req-1',
      'req-2',
      'req-3',
    ]);
    expect(JSON.stringify(packEvents(batch)).length).toBeLessThan(
      JSON.stringify(batch).length * 0.6,
    );
  });
});
