import {
  encodeStreamError,
  fromCanonicalError,
  toCanonicalError,
  type CanonicalError,
} from './index';

describe('errors', () => {
  it('maps an Anthropic 529 overloaded_error to 503 for OpenAI and Gemini clients', () => {
    const err = toCanonicalError('anthropic-messages', 529, {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(err).toEqual({
      status: 529,
      kind: 'overloaded',
      message: 'Overloaded',
      code: 'overloaded_error',
    });
    expect(fromCanonicalError('openai-chat', err)).toEqual({
      status: 503,
      body: {
        error: {
          message: 'Overloaded',
          type: 'service_unavailable',
          param: null,
          code: 'overloaded_error',
        },
      },
    });
    expect(fromCanonicalError('gemini', err)).toEqual({
      status: 503,
      body: { error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' } },
    });
  });

  it('maps a Gemini 503 UNAVAILABLE to 529 overloaded_error for Anthropic clients', () => {
    const err = toCanonicalError('gemini', 503, {
      error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' },
    });
    expect(fromCanonicalError('anthropic-messages', err)).toEqual({
      status: 529,
      body: {
        type: 'error',
        error: { type: 'overloaded_error', message: 'The model is overloaded.' },
      },
    });
  });

  it('keeps 429 as 429 in every format', () => {
    const err = toCanonicalError('openai-chat', 429, {
      error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' },
    });
    for (const f of ['openai-chat', 'anthropic-messages', 'gemini', 'openai-responses'] as const)
      expect(fromCanonicalError(f, err).status).toBe(429);
    expect(fromCanonicalError('anthropic-messages', err).body).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'slow down' },
    });
    expect(fromCanonicalError('gemini', err).body).toEqual({
      error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' },
    });
  });

  it('recognises a Gemini invalid API key (400 API_KEY_INVALID) as an authentication error', () => {
    const err = toCanonicalError('gemini', 400, {
      error: {
        code: 400,
        message: 'API key not valid.',
        status: 'INVALID_ARGUMENT',
        details: [{ reason: 'API_KEY_INVALID' }],
      },
    });
    expect(err.kind).toBe('authentication');
    expect(fromCanonicalError('openai-chat', err).body).toMatchObject({
      error: { code: 'invalid_api_key' },
    });
    expect(fromCanonicalError('anthropic-messages', err).body).toMatchObject({
      error: { type: 'authentication_error' },
    });
  });

  it('reads non-JSON error text', () => {
    expect(toCanonicalError('openai-chat', 502, 'Bad Gateway')).toEqual({
      status: 502,
      kind: 'api_error',
      message: 'Bad Gateway',
    });
  });

  it('frames mid-stream errors the way each SDK detects them', () => {
    const err: CanonicalError = { status: 529, kind: 'overloaded', message: 'Overloaded' };
    expect(encodeStreamError('anthropic-messages', err)).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    expect(encodeStreamError('openai-chat', err)).toBe(
      'data: {"error":{"message":"Overloaded","type":"service_unavailable","param":null,"code":null}}\n\n',
    );
    // js-genai throws on a data: event whose JSON has `error`, however the bytes were chunked.
    expect(encodeStreamError('gemini', err)).toBe(
      'data: {"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE"}}\n\n',
    );
    expect(encodeStreamError('openai-responses', err)).toMatch(
      /^event: error\ndata: \{"type":"error"/,
    );
  });
});
