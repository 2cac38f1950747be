import {
  fromCanonicalRequest,
  InvalidRequestError,
  toCanonicalRequest,
  validateAnthropicRequest,
  validateGeminiRequest,
  validateOpenAIChatRequest,
  type ConvertContext,
} from './index';

const ctx: ConvertContext = {
  upstreamModel: 'up',
  requestedModel: 'client',
  id: 'resp_1',
  created: 1,
};

const openai = (
  extra: Record<string, unknown> = {},
  messages: unknown[] = [{ role: 'user', content: 'hi' }],
) => ({
  model: 'client',
  messages,
  ...extra,
});

describe('request validation', () => {
  it('rejects a Responses request whose previous_response_id the server has not resolved into input', () => {
    expect(() =>
      toCanonicalRequest('openai-responses', {
        model: 'm',
        input: 'hi',
        previous_response_id: 'resp_x',
      }),
    ).toThrow(/previous_response_id must be resolved before conversion/);
  });

  it('throws InvalidRequestError with status 400 on malformed bodies', () => {
    for (const [format, body] of [
      ['openai-chat', { model: 'm' }],
      ['anthropic-messages', { model: 'm', messages: [] }],
      ['gemini', { contents: [] }],
      ['openai-chat', 'not json'],
    ] as const) {
      try {
        toCanonicalRequest(format, body);
        throw new Error('expected a throw');
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidRequestError);
        expect((e as InvalidRequestError).status).toBe(400);
      }
    }
  });

  it('leaves the model empty for Gemini (it comes from the URL)', () => {
    expect(
      toCanonicalRequest('gemini', { contents: [{ role: 'user', parts: [{ text: 'x' }] }] }).model,
    ).toBe('');
  });
});

describe('to Anthropic', () => {
  it('uses ctx.maxOutputTokens, else 4096, for the required max_tokens', () => {
    const req = toCanonicalRequest('openai-chat', openai());
    expect(
      fromCanonicalRequest('anthropic-messages', req, { ...ctx, maxOutputTokens: 64000 }).body
        .max_tokens,
    ).toBe(64000);
    expect(fromCanonicalRequest('anthropic-messages', req, ctx).body.max_tokens).toBe(4096);
  });

  it('keeps a mid-conversation system message in place as user text and alternates roles', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({}, [
        { role: 'system', content: 'Top' },
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'system', content: 'Be brief now' },
        { role: 'user', content: 'c' },
      ]),
    );
    const { body } = fromCanonicalRequest('anthropic-messages', req, ctx);
    expect(body.system).toBe('Top');
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'b' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'System: Be brief now' },
          { type: 'text', text: 'c' },
        ],
      },
    ]);
    expect(validateAnthropicRequest(body)).toEqual([]);
  });

  it('drops thinking (and reports it) when tool_choice forces a tool', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({
        reasoning_effort: 'high',
        tools: [
          {
            type: 'function',
            function: { name: 'f', parameters: { type: 'object', properties: {} } },
          },
        ],
        tool_choice: { type: 'function', function: { name: 'f' } },
      }),
    );
    const out = fromCanonicalRequest('anthropic-messages', req, { ...ctx, maxOutputTokens: 16000 });
    expect(out.body.thinking).toBeUndefined();
    expect(out.body.tool_choice).toEqual({ type: 'tool', name: 'f' });
    expect(out.droppedParams).toContain('reasoning_effort');
    expect(validateAnthropicRequest(out.body)).toEqual([]);
  });

  it('maps reasoning_effort to a thinking budget below max_tokens and drops temperature', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({ reasoning_effort: 'medium', temperature: 0.2 }),
    );
    const out = fromCanonicalRequest('anthropic-messages', req, { ...ctx, maxOutputTokens: 16000 });
    expect(out.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(out.body.temperature).toBeUndefined();
    expect(out.droppedParams).toEqual(['temperature']);
  });

  it('never replays foreign or unsigned thinking to Anthropic', () => {
    const req = toCanonicalRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'gem', signature: 'gemini:abc' },
            { type: 'text', text: 'a' },
          ],
        },
        { role: 'user', content: 'q2' },
      ],
    });
    const { body } = fromCanonicalRequest('anthropic-messages', req, ctx);
    expect((body.messages as { content: unknown[] }[])[1].content).toEqual([
      { type: 'text', text: 'a' },
    ]);
  });

  it('clamps temperature to 1, drops n and seed, and removes whitespace-only stop sequences', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({ temperature: 1.8, n: 2, seed: 3, stop: ['  ', 'END'] }),
    );
    const out = fromCanonicalRequest('anthropic-messages', req, ctx);
    expect(out.body.temperature).toBe(1);
    expect(out.body.stop_sequences).toEqual(['END']);
    expect(out.droppedParams.sort()).toEqual(['n', 'seed', 'stop']);
  });

  it('maps tool_choice modes and parallel_tool_calls', () => {
    const tools = [{ type: 'function', function: { name: 'f' } }];
    const choice = (tool_choice: unknown, extra = {}) =>
      fromCanonicalRequest(
        'anthropic-messages',
        toCanonicalRequest('openai-chat', openai({ tools, tool_choice, ...extra })),
        ctx,
      ).body.tool_choice;
    expect(choice('auto')).toEqual({ type: 'auto' });
    expect(choice('none')).toEqual({ type: 'none' });
    expect(choice('required')).toEqual({ type: 'any' });
    expect(choice(undefined, { parallel_tool_calls: false })).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
  });

  it('moves media from a tool result into the user turn after tool_result blocks', () => {
    const req = toCanonicalRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'shot' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 't1', name: 'screenshot', input: {} }],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'here' },
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [
                {
                  type: 'image',
                  source: { type: 'base64', media_type: 'image/png', data: 'AA==' },
                },
              ],
            },
          ],
        },
      ],
    });
    const oa = fromCanonicalRequest('openai-chat', req, ctx).body;
    expect(oa.messages).toEqual([
      { role: 'user', content: 'shot' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 't1', type: 'function', function: { name: 'screenshot', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 't1', content: '' },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } },
          { type: 'text', text: 'here' },
        ],
      },
    ]);
    expect(validateOpenAIChatRequest(oa)).toEqual([]);
  });
});

describe('to Gemini', () => {
  it('groups N OpenAI tool messages into one Content with N functionResponse parts, names resolved by id', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({}, [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'a', arguments: '{}' } },
            { id: 'c2', type: 'function', function: { name: 'b', arguments: 'not json' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'one' },
        { role: 'tool', tool_call_id: 'c2', content: '{"x":1}' },
      ]),
    );
    const { body } = fromCanonicalRequest('gemini', req, ctx);
    const contents = body.contents as { role: string; parts: Record<string, unknown>[] }[];
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[1].parts[1]).toEqual({
      functionCall: { name: 'b', args: { arguments: 'not json' }, id: 'c2' },
    });
    expect(contents[2].parts).toEqual([
      { functionResponse: { name: 'a', response: { output: 'one' }, id: 'c1' } },
      { functionResponse: { name: 'b', response: { x: 1 }, id: 'c2' } },
    ]);
    expect(validateGeminiRequest(body)).toEqual([]);
  });

  it('pairs Gemini responses without ids to calls by order and never sends minted ids back', () => {
    const gem = {
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'f', args: {} } },
            { functionCall: { name: 'f', args: { n: 2 } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'f', response: { r: 1 } } },
            { functionResponse: { name: 'f', response: { r: 2 } } },
          ],
        },
      ],
    };
    const req = toCanonicalRequest('gemini', gem);
    const anth = fromCanonicalRequest(
      'anthropic-messages',
      { ...req, model: 'x' },
      { ...ctx, maxOutputTokens: 100 },
    ).body;
    expect(validateAnthropicRequest(anth)).toEqual([]);
    const back = fromCanonicalRequest('gemini', req, ctx).body;
    expect(JSON.stringify(back)).not.toContain('gcall_');
  });

  it('maps a named tool choice to ANY with allowedFunctionNames and cleans schemas', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({
        tools: [
          {
            type: 'function',
            function: {
              name: 'f',
              strict: true,
              parameters: { type: 'object', additionalProperties: false, properties: {} },
            },
          },
        ],
        tool_choice: { type: 'function', function: { name: 'f' } },
      }),
    );
    const { body } = fromCanonicalRequest('gemini', req, ctx);
    expect(body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] },
    });
    expect(body.tools).toEqual([
      { functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: {} } }] },
    ]);
  });

  it('maps reasoning effort to thinkingConfig and JSON mode to responseMimeType', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({ reasoning_effort: 'low', response_format: { type: 'json_object' } }),
    );
    expect(fromCanonicalRequest('gemini', req, ctx).body.generationConfig).toEqual({
      responseMimeType: 'application/json',
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
    const off = toCanonicalRequest('openai-chat', openai({ reasoning_effort: 'none' }));
    expect(fromCanonicalRequest('gemini', off, ctx).body.generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 0 },
    });
  });

  it('sends a functionCall from another provider with the documented signature bypass, and a Gemini one unchanged', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({}, [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'a', arguments: '{}' },
              extra_content: { google: { thought_signature: 'SIG' } },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
        { role: 'user', content: 'again' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c2', type: 'function', function: { name: 'a', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c2', content: 'ok' },
      ]),
    );
    const contents = fromCanonicalRequest('gemini', req, ctx).body.contents as {
      parts: Record<string, unknown>[];
    }[];
    expect(contents[1].parts[0].thoughtSignature).toBe('SIG');
    expect(contents[3].parts[0].thoughtSignature).toBe('skip_thought_signature_validator');
  });
});

describe('to OpenAI Chat', () => {
  it('splits one Anthropic user turn with N tool_results into N tool messages, then the text', () => {
    const req = toCanonicalRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'functions.Bash:0', name: 'a', input: {} },
            { type: 'tool_use', id: 't2', name: 'a', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'functions.Bash:0', content: 'one' },
            { type: 'tool_result', tool_use_id: 't2', content: 'two', is_error: true },
            { type: 'text', text: 'thanks' },
          ],
        },
      ],
    });
    const { body } = fromCanonicalRequest('openai-chat', req, ctx);
    const msgs = body.messages as Record<string, unknown>[];
    expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'user']);
    expect(msgs[2].tool_call_id).toBe((msgs[1].tool_calls as { id: string }[])[0].id);
    expect(msgs[3].content).toBe('Error: two');
    expect(body.stream_options).toBeUndefined();
    expect(validateOpenAIChatRequest(body)).toEqual([]);
  });

  it('always asks an OpenAI upstream for stream usage', () => {
    const req = toCanonicalRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 10,
      stream: true,
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(fromCanonicalRequest('openai-chat', req, ctx).body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('maps an Anthropic thinking budget to reasoning_effort', () => {
    const req = toCanonicalRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 10000,
      thinking: { type: 'enabled', budget_tokens: 8000 },
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(fromCanonicalRequest('openai-chat', req, ctx).body.reasoning_effort).toBe('high');
  });

  it('maps an allowed-tools subset from Gemini to allowed_tools', () => {
    const req = toCanonicalRequest('gemini', {
      contents: [{ role: 'user', parts: [{ text: 'q' }] }],
      tools: [{ functionDeclarations: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'b'] } },
    });
    expect(
      fromCanonicalRequest('openai-chat', { ...req, model: 'x' }, ctx).body.tool_choice,
    ).toEqual({
      type: 'allowed_tools',
      allowed_tools: {
        mode: 'required',
        tools: [
          { type: 'function', function: { name: 'a' } },
          { type: 'function', function: { name: 'b' } },
        ],
      },
    });
  });
});

describe('to Responses', () => {
  it('sends a stateless request (store false) with function_call items and instructions', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({}, [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: 'calling',
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'a', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      ]),
    );
    const { body } = fromCanonicalRequest('openai-responses', req, ctx);
    expect(body).toMatchObject({ store: false, instructions: 'sys' });
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'q' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'calling' }] },
      { type: 'function_call', call_id: 'c1', name: 'a', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'ok' },
    ]);
  });
});

describe('signature round trips through streamed histories', () => {
  it('merges streamed Gemini thought parts so an Anthropic signature covers the whole text', () => {
    const req = toCanonicalRequest('gemini', {
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [
            { text: 'Thinking ', thought: true },
            { text: 'hard.', thought: true },
            { text: '', thought: true, thoughtSignature: 'anthropic:SIG' },
            { functionCall: { name: 'f', args: {} } },
          ],
        },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 'ok' } } }] },
      ],
      generationConfig: { thinkingConfig: { thinkingBudget: 2048 } },
    });
    const { body } = fromCanonicalRequest(
      'anthropic-messages',
      { ...req, model: 'x' },
      { ...ctx, maxOutputTokens: 8000 },
    );
    expect((body.messages as { content: unknown[] }[])[1].content[0]).toEqual({
      type: 'thinking',
      thinking: 'Thinking hard.',
      signature: 'SIG',
    });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(validateAnthropicRequest(body)).toEqual([]);
  });

  it('gives an OpenAI client signed block with empty text the accumulated reasoning_content', () => {
    const req = toCanonicalRequest(
      'openai-chat',
      openai({ reasoning_effort: 'medium' }, [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'Full reasoning.',
          thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'SIG' }],
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      ]),
    );
    const { body } = fromCanonicalRequest('anthropic-messages', req, {
      ...ctx,
      maxOutputTokens: 8000,
    });
    expect((body.messages as { content: unknown[] }[])[1].content[0]).toEqual({
      type: 'thinking',
      thinking: 'Full reasoning.',
      signature: 'SIG',
    });
  });
});

describe('output-token limit for an OpenAI-Chat upstream', () => {
  const anthropicBody = {
    model: 'client',
    max_tokens: 300,
    messages: [{ role: 'user', content: 'hi' }],
  };
  const limitFields = (upstreamProvider?: string) => {
    const { body } = fromCanonicalRequest(
      'openai-chat',
      toCanonicalRequest('anthropic-messages', anthropicBody),
      { ...ctx, upstreamProvider },
    );
    return { max_tokens: body.max_tokens, max_completion_tokens: body.max_completion_tokens };
  };

  it('sends max_completion_tokens to OpenAI (its reasoning models reject max_tokens)', () => {
    expect(limitFields()).toEqual({ max_tokens: undefined, max_completion_tokens: 300 });
    expect(limitFields('openai')).toEqual({ max_tokens: undefined, max_completion_tokens: 300 });
    expect(limitFields('azure')).toEqual({ max_tokens: undefined, max_completion_tokens: 300 });
  });

  it('sends max_tokens to OpenAI-compatible providers that only document max_tokens', () => {
    for (const p of ['deepseek', 'mistral', 'together_ai', 'openrouter', 'ollama'])
      expect(limitFields(p)).toEqual({ max_tokens: 300, max_completion_tokens: undefined });
  });
});
