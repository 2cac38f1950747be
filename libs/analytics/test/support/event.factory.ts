import type { RequestEvent } from '../../src';

let seq = 0;

export function makeEvent(overrides: Partial<RequestEvent> = {}): RequestEvent {
  seq += 1;
  return {
    timestamp: Date.now(),
    requestId: `req-${process.pid}-${seq}`,
    gatewayId: 'gw-test',
    keyId: 'key-1',
    userId: 'user-1',
    endpoint: '/v1/chat/completions',
    operation: 'chat',
    clientFormat: 'openai-chat',
    provider: 'openai',
    requestedModel: 'gpt-4o',
    upstreamModel: 'gpt-4o-2024-08-06',
    stream: false,
    status: 200,
    errorType: null,
    errorMessage: null,
    tokensIn: 100,
    tokensOut: 20,
    tokensCached: 0,
    tokensReasoning: 0,
    costUsd: 0.001,
    latencyMs: 250,
    ttftMs: null,
    upstreamLatencyMs: 240,
    attempts: 1,
    ...overrides,
  };
}

export function makeEvents(n: number, overrides: Partial<RequestEvent> = {}): RequestEvent[] {
  return Array.from({ length: n }, () => makeEvent(overrides));
}
