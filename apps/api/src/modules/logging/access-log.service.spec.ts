import type { EventSink, RequestEvent } from '@gateway/analytics';
import type { AppConfig } from '../../config/app-config';
import { AccessLogService, accessLine, prettyAccessLine } from './access-log.service';

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

describe('AccessLogService', () => {
  /** The service fed by a one-subscriber sink; what it writes to stdout is collected. */
  function start(logFormat: 'json' | 'pretty', logLevel = 'info') {
    let feed: ((ev: RequestEvent) => void) | null = null;
    const sink = {
      subscribeAll: (fn: (ev: RequestEvent) => void) => {
        feed = fn;
        return () => (feed = null);
      },
    } as unknown as EventSink;
    const service = new AccessLogService(sink, { logFormat, logLevel } as AppConfig);
    const written: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    return {
      send: (ev: RequestEvent) => feed?.(ev),
      stop: () => {
        service.onModuleDestroy();
        write.mockRestore();
        return written;
      },
    };
  }

  it('writes the lines of one turn in one write, each with its timestamp and context', () => {
    const log = start('pretty');
    log.send(event);
    log.send({ ...event, requestId: 'gw-req-2' });
    const writes = log.stop();
    expect(writes).toHaveLength(1);
    const lines = writes[0].split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    for (const line of lines.slice(0, 2))
      expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {5}LOG \[Access\] POST /);
    expect(lines[1]).toContain('request_id=gw-req-2');
  });

  it('writes one JSON object per line under LOG_FORMAT=json', () => {
    const log = start('json');
    log.send(event);
    const [line] = log.stop().join('').trim().split('\n');
    expect(JSON.parse(line)).toMatchObject({
      level: 'log',
      context: 'Access',
      message: { path: '/v1/chat/completions', status: 200, request_id: 'gw-req-1' },
    });
  });

  it('writes nothing below LOG_LEVEL=info', () => {
    const log = start('pretty', 'warn');
    log.send(event);
    expect(log.stop()).toEqual([]);
  });
});
