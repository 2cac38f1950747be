import { describe, expect, it } from 'vitest';
import type { WireAttempt } from '@gateway/contracts';
import {
  attemptLabel,
  bodyNote,
  capText,
  clientRequest,
  describeForm,
  gatewayHeaderRows,
  gatewayInfo,
  maskSecret,
  prettyBody,
} from './wire-shape';

describe('client view', () => {
  it('shows the request as sent, with the gateway secret masked and the wire header', () => {
    const client = clientRequest('POST /v1/embeddings', 'gw-0123456789abcdefghijklmnop', {
      model: 'm',
      input: ['a'],
    });
    expect(client.requestHeaders).toEqual({
      authorization: 'Bearer ••••mnop',
      'content-type': 'application/json',
      'x-gateway-debug': 'wire',
    });
    expect(JSON.parse(client.requestBody)).toEqual({ model: 'm', input: ['a'] });
    expect(client.status).toBeNull();
  });

  it('describes an upload form field by field, files by name, type and size', () => {
    const form = new FormData();
    form.append('model', 'whisper-1');
    form.append('file', new File([new Uint8Array(2048)], 'hello.wav', { type: 'audio/wav' }));
    expect(describeForm(form)).toBe('model: whisper-1\nfile: hello.wav (audio/wav, 2.0 KB)');
    expect(
      clientRequest('POST /v1/audio/transcriptions', 'short', form).requestHeaders,
    ).toMatchObject({
      authorization: 'Bearer ••••',
      'content-type': 'multipart/form-data',
    });
  });

  it('never shows a short secret at all', () => {
    expect(maskSecret('gw-short')).toBe('••••');
  });

  it('caps a long received body and says so', () => {
    expect(capText('abc')).toEqual({ text: 'abc', note: null });
    const long = capText('x'.repeat(300 * 1024));
    expect(long.text).toHaveLength(256 * 1024);
    expect(long.note).toBe('first 256.0 KB of 300.0 KB shown');
  });
});

describe('gateway headers', () => {
  const headers = {
    'content-type': 'application/json',
    'x-gateway-request-id': 'r1',
    'x-gateway-provider': 'anthropic',
    'x-gateway-model': 'claude-sonnet-4-5',
    'x-gateway-attempts': '2',
    'x-gateway-overhead-ms': '1.250',
  };

  it('reads provider, model, request id, attempts and overhead', () => {
    expect(gatewayInfo(headers)).toEqual({
      requestId: 'r1',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      attempts: 2,
      overheadMs: 1.25,
    });
    expect(gatewayInfo({})).toEqual({
      requestId: null,
      provider: null,
      model: null,
      attempts: null,
      overheadMs: null,
    });
  });

  it('lists only the x-gateway-* headers, sorted', () => {
    expect(gatewayHeaderRows(headers).map(([name]) => name)).toEqual([
      'x-gateway-attempts',
      'x-gateway-model',
      'x-gateway-overhead-ms',
      'x-gateway-provider',
      'x-gateway-request-id',
    ]);
  });
});

describe('bodies', () => {
  it('indents JSON and leaves SSE and broken JSON as they came', () => {
    expect(prettyBody('{"a":[1]}', 'application/json')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyBody('data: {"a":1}\n\n', 'text/event-stream')).toBe('data: {"a":1}\n\n');
    expect(prettyBody('{"a":', null)).toBe('{"a":');
  });

  it('notes binary and cut bodies', () => {
    expect(
      bodyNote({ content_type: 'audio/mpeg', bytes: 2048, text: null, truncated: false }),
    ).toBe('audio/mpeg, 2.0 KB (not kept)');
    expect(
      bodyNote({
        content_type: 'text/event-stream',
        bytes: 3 * 1024 * 1024,
        text: 'x',
        truncated: true,
      }),
    ).toBe('first 256.0 KB of 3.0 MB kept');
    expect(bodyNote({ content_type: null, bytes: 2, text: '{}', truncated: false })).toBeNull();
  });

  it('labels an attempt by provider, status and time', () => {
    const attempt = {
      provider: 'openai',
      started_ms: 1,
      duration_ms: 411.6,
      request: {} as WireAttempt['request'],
      response: { status: 429 } as WireAttempt['response'],
      error: null,
    };
    expect(attemptLabel(attempt, 0)).toBe('1 · openai · 429 · 412 ms');
    expect(attemptLabel({ ...attempt, response: null, duration_ms: null }, 1)).toBe(
      '2 · openai · no answer',
    );
  });
});
