import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  aggregateStreamEvents,
  fromCanonicalResponse,
  createStreamDecoder,
  createStreamEncoder,
  estimateInputTokens,
  toCanonicalRequest,
  SseParser,
  type StreamEncoderOptions,
  type WireFormat,
} from './index';
import { assertClientStream } from './testing/stream-checks';

const ctx: StreamEncoderOptions = {
  upstreamModel: 'up',
  requestedModel: 'client',
  id: 'resp_1',
  created: 1,
};

function convert(upstream: WireFormat, client: WireFormat, input: string, c = ctx): string {
  const dec = createStreamDecoder(upstream);
  const enc = createStreamEncoder(client, c);
  let out = '';
  for (const ev of dec.push(input)) out += enc.push(ev);
  for (const ev of dec.end()) out += enc.push(ev);
  return out + enc.end();
}

const data = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
const chunk = (delta: unknown, finish_reason: string | null = null) =>
  data({ id: 'x', choices: [{ index: 0, delta, finish_reason }] });
const events = (sse: string) => {
  const p = new SseParser();
  return [...p.push(sse), ...p.end()].map((e) => ({
    event: e.event,
    data: e.data === '[DONE]' ? e.data : (JSON.parse(e.data) as Record<string, any>),
  }));
};

describe('stream conversion', () => {
  it('ends a streamed tool turn as tool_use even when an OpenAI upstream says stop', () => {
    const out = convert(
      'openai-chat',
      'anthropic-messages',
      chunk({
        role: 'assistant',
        tool_calls: [
          { index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":' } },
        ],
      }) +
        chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }) +
        chunk({}, 'stop') +
        'data: [DONE]\n\n',
    );
    assertClientStream('anthropic-messages', out);
    const evs = events(out);
    // Arguments that arrive in the same chunk as the name are not lost.
    expect(
      evs
        .filter((e) => e.event === 'content_block_delta')
        .map((e) => (e.data as any).delta.partial_json),
    ).toEqual(['{"a":', '1}']);
    expect(evs.find((e) => e.event === 'message_delta')?.data).toMatchObject({
      delta: { stop_reason: 'tool_use' },
    });
  });

  it('still sends message_delta and message_stop when an OpenAI upstream sends no usage', () => {
    const out = convert(
      'openai-chat',
      'anthropic-messages',
      chunk({ role: 'assistant', content: 'hi' }, 'stop') + 'data: [DONE]\n\n',
    );
    assertClientStream('anthropic-messages', out);
    const evs = events(out);
    expect(evs.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(evs[2].data).toMatchObject({ delta: { text: 'hi' } });
  });

  it('treats content with an empty tool_calls list as text', () => {
    const out = convert(
      'openai-chat',
      'anthropic-messages',
      chunk({ content: 'hello', tool_calls: [] }, 'stop'),
    );
    expect(out).toContain('"text_delta"');
    expect(out).not.toContain('input_json_delta');
  });

  it.each(['openai-chat', 'anthropic-messages', 'gemini', 'openai-responses'] as const)(
    'reports an upstream EOF without a finish as an error to a %s client',
    (client) => {
      const out = convert('openai-chat', client, chunk({ role: 'assistant', content: 'partial' }));
      expect(out).toContain('upstream stream ended before the response was complete');
      expect(out).not.toContain('[DONE]');
      expect(out).not.toContain('message_stop');
    },
  );

  it('forwards an in-stream Anthropic error to an OpenAI client and stops', () => {
    const up =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","content":[],"usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const out = convert('anthropic-messages', 'openai-chat', up);
    const evs = events(out);
    expect(evs[evs.length - 1].data).toEqual({
      error: {
        message: 'Overloaded',
        type: 'service_unavailable',
        param: null,
        code: 'overloaded_error',
      },
    });
  });

  it('sends the usage chunk to an OpenAI client only when include_usage was requested', () => {
    const up =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","content":[],"usage":{"input_tokens":3,"cache_read_input_tokens":4,"output_tokens":1}}}\n\n' +
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}\n\n' +
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":5}}\n\n' +
      'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    const without = convert('anthropic-messages', 'openai-chat', up);
    expect(without).not.toContain('"usage"');
    const withUsage = events(
      convert('anthropic-messages', 'openai-chat', up, { ...ctx, includeUsage: true }),
    );
    expect(withUsage[withUsage.length - 2].data).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 7,
        completion_tokens: 5,
        total_tokens: 12,
        prompt_tokens_details: { cached_tokens: 4 },
      },
    });
  });

  it('buffers streamed arguments into one Gemini functionCall and flags invalid JSON as MALFORMED_FUNCTION_CALL', () => {
    const good = convert(
      'openai-chat',
      'gemini',
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{"a"' } }] }) +
        chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }) +
        chunk({}, 'tool_calls'),
    );
    assertClientStream('gemini', good);
    expect(events(good).pop()?.data).toMatchObject({
      candidates: [
        {
          content: { parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] },
          finishReason: 'STOP',
        },
      ],
    });
    const bad = convert(
      'openai-chat',
      'gemini',
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{"a"' } }] }) +
        chunk({}, 'tool_calls'),
    );
    expect(events(bad).pop()?.data).toMatchObject({
      candidates: [{ finishReason: 'MALFORMED_FUNCTION_CALL' }],
    });
  });

  it('reads Responses function arguments that arrive only in .done', () => {
    const up =
      data({ type: 'response.created', sequence_number: 0, response: { id: 'r' } }) +
      data({
        type: 'response.output_item.added',
        sequence_number: 1,
        output_index: 0,
        item: { type: 'function_call', id: 'fc', call_id: 'c', name: 'f', arguments: '' },
      }) +
      data({
        type: 'response.function_call_arguments.done',
        sequence_number: 2,
        output_index: 0,
        item_id: 'fc',
        arguments: '{"x":2}',
      }) +
      data({
        type: 'response.completed',
        sequence_number: 3,
        response: { status: 'completed', usage: { input_tokens: 1, output_tokens: 2 } },
      });
    const out = convert('openai-responses', 'anthropic-messages', up);
    assertClientStream('anthropic-messages', out);
    expect(out).toContain('"partial_json":"{\\"x\\":2}"');
    expect(out).toContain('"stop_reason":"tool_use"');
  });

  it('keeps a Gemini thought signature that arrives in a later chunk on an empty part', () => {
    const up =
      data({
        candidates: [{ content: { role: 'model', parts: [{ text: 'thinking', thought: true }] } }],
      }) +
      data({
        candidates: [
          {
            content: { role: 'model', parts: [{ text: '', thoughtSignature: 'LATE' }] },
            finishReason: 'STOP',
          },
        ],
      });
    const dec = createStreamDecoder('gemini');
    expect(dec.push(up)).toContainEqual({
      type: 'thinking_signature',
      signature: 'LATE',
      origin: 'gemini',
    });
  });

  it('keeps separate state for two interleaved streams', () => {
    const a = {
      dec: createStreamDecoder('openai-chat'),
      enc: createStreamEncoder('anthropic-messages', { ...ctx, id: 'a' }),
    };
    const b = {
      dec: createStreamDecoder('openai-chat'),
      enc: createStreamEncoder('anthropic-messages', { ...ctx, id: 'b' }),
    };
    const outs = { a: '', b: '' };
    const feed = (s: typeof a, key: 'a' | 'b', text: string) => {
      for (const ev of s.dec.push(text)) outs[key] += s.enc.push(ev);
    };
    feed(a, 'a', chunk({ content: 'A1' }));
    feed(
      b,
      'b',
      chunk({ tool_calls: [{ index: 0, id: 'cb', function: { name: 'g', arguments: '{}' } }] }),
    );
    feed(a, 'a', chunk({ content: 'A2' }, 'stop'));
    feed(b, 'b', chunk({}, 'tool_calls'));
    outs.a += a.enc.end();
    outs.b += b.enc.end();
    assertClientStream('anthropic-messages', outs.a);
    assertClientStream('anthropic-messages', outs.b);
    expect(outs.a).not.toContain('tool_use');
    expect(outs.b).toContain('"stop_reason":"tool_use"');
    expect(outs.a).toContain('"id":"a"');
  });

  it('splits a chunk that carries both content and finish_reason into content then finish', () => {
    const out = events(
      convert(
        'openai-chat',
        'openai-responses',
        chunk({ role: 'assistant', content: 'all at once' }, 'stop'),
      ),
    );
    const types = out.map((e) => (e.data as any).type);
    expect(types.indexOf('response.output_text.delta')).toBeLessThan(
      types.indexOf('response.completed'),
    );
    expect(out[out.length - 1].data).toMatchObject({
      response: {
        status: 'completed',
        output: [{ type: 'message', content: [{ text: 'all at once' }] }],
      },
    });
  });

  it('shows an input estimate in message_start and the real count in message_delta', () => {
    const req = toCanonicalRequest('openai-chat', {
      model: 'm',
      messages: [{ role: 'user', content: 'x'.repeat(400) }],
    });
    const estimate = estimateInputTokens(req);
    expect(estimate).toBe(100);
    const up =
      chunk({ content: 'ok' }, 'stop') +
      data({ id: 'x', choices: [], usage: { prompt_tokens: 104, completion_tokens: 1 } });
    const evs = events(
      convert('openai-chat', 'anthropic-messages', up, { ...ctx, estimatedInputTokens: estimate }),
    );
    expect(evs[0].data).toMatchObject({ message: { usage: { input_tokens: 100 } } });
    expect(evs.find((e) => e.event === 'message_delta')?.data).toMatchObject({
      usage: { input_tokens: 104, output_tokens: 1 },
    });
  });

  it('aggregates a streamed upstream answer into a JSON response for a non-stream client', () => {
    const dec = createStreamDecoder('anthropic-messages');
    const up = readFileSync(
      join(
        __dirname,
        '__golden__',
        'openai-chat-to-anthropic-messages',
        'stream-tools',
        'upstream-stream.txt',
      ),
      'utf8',
    );
    const res = aggregateStreamEvents([...dec.push(up), ...dec.end()]);
    expect(fromCanonicalResponse('openai-chat', res, ctx)).toMatchObject({
      choices: [
        {
          message: {
            content: 'Checking.',
            tool_calls: [
              { id: 'toolu_a', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'toolu_b', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 50, completion_tokens: 30 },
    });
    expect(() => aggregateStreamEvents([{ type: 'text_delta', text: 'cut' }])).toThrow(
      /ended before/,
    );
  });
});
