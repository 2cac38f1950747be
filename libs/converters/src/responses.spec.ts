import { fromCanonicalResponse, toCanonicalResponse, type ConvertContext } from './index';

const ctx: ConvertContext = {
  upstreamModel: 'up',
  requestedModel: 'client',
  id: 'resp_1',
  created: 1,
};

describe('finish reasons', () => {
  const anthropic = (stop_reason: string) => ({
    id: 'm',
    type: 'message',
    role: 'assistant',
    content: [{ type: 'text', text: 'x' }],
    stop_reason,
    usage: { input_tokens: 1, output_tokens: 1 },
  });
  const toOpenAI = (body: unknown) =>
    (
      fromCanonicalResponse('openai-chat', toCanonicalResponse('anthropic-messages', body), ctx)
        .choices as { finish_reason: string }[]
    )[0].finish_reason;

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['model_context_window_exceeded', 'length'],
  ])('Anthropic %s -> OpenAI %s', (from, to) => {
    expect(toOpenAI(anthropic(from))).toBe(to);
  });

  it.each([
    ['STOP', 'end_turn'],
    ['MAX_TOKENS', 'max_tokens'],
    ['SAFETY', 'refusal'],
    ['PROHIBITED_CONTENT', 'refusal'],
    ['MALFORMED_FUNCTION_CALL', 'end_turn'],
  ])('Gemini %s -> Anthropic %s', (from, to) => {
    const body = {
      candidates: [{ content: { role: 'model', parts: [{ text: 'x' }] }, finishReason: from }],
    };
    expect(
      fromCanonicalResponse('anthropic-messages', toCanonicalResponse('gemini', body), ctx)
        .stop_reason,
    ).toBe(to);
  });

  it.each([
    ['stop', 'STOP'],
    ['length', 'MAX_TOKENS'],
    ['content_filter', 'SAFETY'],
    ['tool_calls', 'STOP'],
  ])('OpenAI %s -> Gemini %s', (from, to) => {
    const body = {
      choices: [{ index: 0, message: { role: 'assistant', content: 'x' }, finish_reason: from }],
    };
    expect(
      (
        fromCanonicalResponse('gemini', toCanonicalResponse('openai-chat', body), ctx)
          .candidates as { finishReason: string }[]
      )[0].finishReason,
    ).toBe(to);
  });

  it('ends a Gemini tool turn (STOP + functionCall) as tool_calls / tool_use', () => {
    const body = {
      candidates: [
        {
          content: { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] },
          finishReason: 'STOP',
        },
      ],
    };
    const c = toCanonicalResponse('gemini', body);
    expect(
      (fromCanonicalResponse('openai-chat', c, ctx).choices as { finish_reason: string }[])[0]
        .finish_reason,
    ).toBe('tool_calls');
    expect(fromCanonicalResponse('anthropic-messages', c, ctx).stop_reason).toBe('tool_use');
  });

  it('maps Responses incomplete(max_output_tokens) to length and back', () => {
    const body = {
      id: 'r',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [],
    };
    const c = toCanonicalResponse('openai-responses', body);
    expect(
      (fromCanonicalResponse('openai-chat', c, ctx).choices as { finish_reason: string }[])[0]
        .finish_reason,
    ).toBe('length');
    const back = fromCanonicalResponse(
      'openai-responses',
      toCanonicalResponse('anthropic-messages', { content: [], stop_reason: 'max_tokens' }),
      ctx,
    );
    expect(back).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
  });
});

describe('responses', () => {
  it('turns a blocked Gemini prompt into an empty content-filtered answer instead of crashing', () => {
    const c = toCanonicalResponse('gemini', {
      promptFeedback: { blockReason: 'SAFETY' },
      usageMetadata: { promptTokenCount: 3 },
    });
    const out = fromCanonicalResponse('openai-chat', c, ctx);
    expect(out.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: '', refusal: null },
        logprobs: null,
        finish_reason: 'content_filter',
      },
    ]);
  });

  it('keeps every OpenAI choice when n > 1 for Gemini candidates', () => {
    const body = {
      choices: [
        { index: 0, message: { role: 'assistant', content: 'a' }, finish_reason: 'stop' },
        { index: 1, message: { role: 'assistant', content: 'b' }, finish_reason: 'stop' },
      ],
    };
    const out = fromCanonicalResponse('gemini', toCanonicalResponse('openai-chat', body), ctx);
    expect((out.candidates as unknown[]).length).toBe(2);
  });

  it('keeps text that came with tool calls and emits it before the tool_use blocks', () => {
    const body = {
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Let me check',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
    };
    const out = fromCanonicalResponse(
      'anthropic-messages',
      toCanonicalResponse('openai-chat', body),
      ctx,
    );
    expect(out.content).toEqual([
      { type: 'text', text: 'Let me check' },
      { type: 'tool_use', id: 'c', name: 'f', input: {} },
    ]);
  });

  it('restores rewritten tool names with ctx.toolNameMap', () => {
    const body = {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ functionCall: { name: 'server_tool_1234abcd', args: {} } }],
          },
        },
      ],
    };
    const out = fromCanonicalResponse('anthropic-messages', toCanonicalResponse('gemini', body), {
      ...ctx,
      toolNameMap: { server_tool_1234abcd: 'server.tool' },
    });
    expect((out.content as { name: string }[])[0].name).toBe('server.tool');
  });

  it('carries an Anthropic signature to an OpenAI client in thinking_blocks and a Gemini client with an origin prefix', () => {
    const body = {
      content: [
        { type: 'thinking', thinking: 't', signature: 'S' },
        { type: 'text', text: 'a' },
      ],
      stop_reason: 'end_turn',
    };
    const c = toCanonicalResponse('anthropic-messages', body);
    expect(
      (fromCanonicalResponse('openai-chat', c, ctx).choices as { message: unknown }[])[0].message,
    ).toMatchObject({
      reasoning_content: 't',
      thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 'S' }],
    });
    const parts = (
      fromCanonicalResponse('gemini', c, ctx).candidates as { content: { parts: unknown[] } }[]
    )[0].content.parts;
    expect(parts).toEqual([
      { text: 't', thought: true, thoughtSignature: 'anthropic:S' },
      { text: 'a' },
    ]);
  });
});
