import type { RequestEvent } from '@gateway/analytics';
import { accessLine, prettyAccessLine } from './access-log.service';

const event: RequestEvent = {
  timestamp: 1_764_000_000_000,
  requestId: 'gw-req-1',
  gatewayId: 'gw-1',
  keyId: 'key-1',
  userId: 'user-1',
  endpoint: '/v1/chat/completions',
  operation: 'chat',
  clientFormat: 'openai-chat',
  provider: 'openai',
  requestedModel: 'gpt-4o-mini',
  upstreamModel: 'gpt-4o-mini-2024-07-18',
  stream: false,
  status: 200,
  errorType: null,
  errorMessage: null,
  tokensIn: 12,
  tokensOut: 34,
  tokensCached: 0,
  tokensReasoning: 0,
  costUsd: 0.00002,
  latencyMs: 12.345,
  ttftMs: null,
  upstreamLatencyMs: 11,
  attempts: 1,
};

describe('the readable access line', () => {
  it('names method, path, status, duration, ids, provider, model, attempts and tokens', () => {
    expect(prettyAccessLine(event)).toBe(
      'POST /v1/chat/completions 200 12.3ms request_id=gw-req-1 gateway=gw-1 provider=openai' +
        ' model=gpt-4o-mini attempts=1 tokens=12/34',
    );
  });

  it('shows the client’s own request id first, the gateway’s after it, and the error type', () => {
    const line = prettyAccessLine({
      ...event,
      clientRequestId: 'client-9',
      method: 'GET',
      endpoint: '/v1/models',
      status: 502,
      errorType: 'upstream_error',
      provider: '',
      requestedModel: '',
      attempts: 3,
    });
    expect(line).toBe(
      'GET /v1/models 502 12.3ms request_id=client-9 gateway_request_id=gw-req-1 gateway=gw-1' +
        ' provider=- model=- attempts=3 tokens=12/34 error=upstream_error',
    );
  });

  it('never carries a prompt, a body or a secret: the JSON form has identifiers and figures only', () => {
    const line = accessLine({ ...event, requestBody: 'sk-secret prompt', errorMessage: 'sk-x' });
    expect(JSON.stringify(line)).not.toMatch(/sk-|prompt/);
    expect(line).toMatchObject({ method: 'POST', request_id: 'gw-req-1', duration_ms: 12.3 });
  });
});
