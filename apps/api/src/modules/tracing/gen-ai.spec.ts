import {
  attemptEndAttributes,
  attemptStartAttributes,
  operationName,
  providerName,
  requestEndAttributes,
  spanName,
} from './gen-ai';

describe('GenAI span attributes', () => {
  it('names operations and providers with the registry’s values', () => {
    expect(operationName('openai-chat', '/v1/chat/completions')).toBe('chat');
    expect(operationName('anthropic-messages', '/v1/messages')).toBe('chat');
    expect(operationName('openai-responses', '/v1/responses')).toBe('chat');
    expect(operationName('gemini', '/v1beta/models/{model}:generateContent')).toBe(
      'generate_content',
    );
    expect(operationName('anthropic-messages', '/v1/messages/count_tokens')).toBe('count_tokens');
    expect(providerName('gemini')).toBe('gcp.gemini');
    expect(providerName('azure')).toBe('azure.ai.openai');
    expect(providerName('bedrock')).toBe('aws.bedrock');
    expect(providerName('groq')).toBe('groq');
    expect(providerName('constructor')).toBe('constructor');
    expect(spanName('chat', 'gpt-4o')).toBe('chat gpt-4o');
    expect(spanName('chat', '')).toBe('chat');
  });

  it('describes a finished request, leaving out what is unknown', () => {
    const usage = {
      inputTokens: 10,
      cachedInputTokens: 4,
      cacheWriteTokens: 0,
      outputTokens: 5,
      reasoningTokens: 2,
    };
    expect(
      requestEndAttributes({
        requestId: 'r1',
        clientRequestId: 'mine',
        gatewayId: 'g1',
        stream: false,
        requestedModel: 'gemini-2.5-flash',
        provider: 'gemini',
        responseModel: 'gemini-2.5-flash-001',
        status: 200,
        errorType: null,
        usage,
        responseId: 'resp-1',
        finishReasons: ['STOP'],
        attempts: 1,
        costUsd: 0.001,
      }),
    ).toEqual({
      'http.response.status_code': 200,
      'gen_ai.request.model': 'gemini-2.5-flash',
      'gen_ai.provider.name': 'gcp.gemini',
      'gen_ai.response.model': 'gemini-2.5-flash-001',
      'gen_ai.response.id': 'resp-1',
      'gen_ai.response.finish_reasons': ['STOP'],
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
      'gen_ai.usage.cache_read.input_tokens': 4,
      'gen_ai.usage.reasoning.output_tokens': 2,
      'llm_gateway.request_id': 'r1',
      'llm_gateway.client_request_id': 'mine',
      'llm_gateway.gateway_id': 'g1',
      'llm_gateway.provider': 'gemini',
      'llm_gateway.attempts': 1,
      'llm_gateway.stream': false,
      'llm_gateway.cost_usd': 0.001,
    });
    expect(
      requestEndAttributes({
        requestId: 'r2',
        stream: false,
        requestedModel: '',
        status: 401,
        errorType: 'authentication_error',
        attempts: 0,
        costUsd: null,
      }),
    ).toEqual({
      'http.response.status_code': 401,
      'error.type': 'authentication_error',
      'llm_gateway.request_id': 'r2',
      'llm_gateway.attempts': 0,
      'llm_gateway.stream': false,
    });
  });

  it('describes an attempt by its upstream host, never its full URL', () => {
    const start = attemptStartAttributes(
      {
        provider: 'gemini',
        model: 'gemini-2.5-flash',
        url: new URL('https://generativelanguage.googleapis.com/v1beta/models/x?key=secret'),
        number: 2,
      },
      'generate_content',
    );
    expect(start).toMatchObject({
      'gen_ai.provider.name': 'gcp.gemini',
      'server.address': 'generativelanguage.googleapis.com',
      'server.port': 443,
      'llm_gateway.attempt': 2,
    });
    expect(JSON.stringify(start)).not.toContain('secret');
    expect(attemptEndAttributes({ status: 429 })).toEqual({
      'http.response.status_code': 429,
      'error.type': '429',
    });
    expect(attemptEndAttributes({ errorType: 'timeout' })).toEqual({ 'error.type': 'timeout' });
  });
});
