// Anthropic thinking through other client formats and back: an Anthropic answer holding redacted_thinking
// and signed thinking blocks before a tool_use reaches an OpenAI Chat, Responses or Gemini client (read with
// the official SDK, streamed and not), the client sends the assistant turn back with its tool result, and the
// next Anthropic request must hold the very same blocks, in the same order, ahead of the tool_use.
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import {
  createStreamDecoder,
  createStreamEncoder,
  fromCanonicalRequest,
  fromCanonicalResponse,
  toCanonicalRequest,
  toCanonicalResponse,
  type ConvertContext,
  type WireFormat,
} from '@gateway/converters';

const ctx: ConvertContext = {
  upstreamModel: 'claude-up',
  requestedModel: 'client-model',
  id: 'resp_rt1',
  created: 1700000000,
};

const SIGNATURE = 'EqQBCkYIBxgCKkB1c2lnbmF0dXJl+/=';
const REDACTED_1 = 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP';
const REDACTED_2 = 'EmwKAhgBEgzSecondRedactedBlock+/==';

/** What Anthropic must receive back as the assistant turn. */
const ANTHROPIC_TURN = [
  { type: 'redacted_thinking', data: REDACTED_1 },
  { type: 'thinking', thinking: 'Let me check the weather.', signature: SIGNATURE },
  { type: 'redacted_thinking', data: REDACTED_2 },
  { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
];

const upstreamJson = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-up',
  content: ANTHROPIC_TURN,
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20 },
};

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const upstreamStream = [
  sse('message_start', {
    type: 'message_start',
    message: {
      ...upstreamJson,
      content: [],
      stop_reason: null,
      usage: { input_tokens: 10, output_tokens: 1 },
    },
  }),
  sse('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'redacted_thinking', data: REDACTED_1 },
  }),
  sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
  sse('content_block_start', {
    type: 'content_block_start',
    index: 1,
    content_block: { type: 'thinking', thinking: '', signature: '' },
  }),
  sse('content_block_delta', {
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'thinking_delta', thinking: 'Let me check ' },
  }),
  sse('content_block_delta', {
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'thinking_delta', thinking: 'the weather.' },
  }),
  sse('content_block_delta', {
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'signature_delta', signature: SIGNATURE },
  }),
  sse('content_block_stop', { type: 'content_block_stop', index: 1 }),
  sse('content_block_start', {
    type: 'content_block_start',
    index: 2,
    content_block: { type: 'redacted_thinking', data: REDACTED_2 },
  }),
  sse('content_block_stop', { type: 'content_block_stop', index: 2 }),
  sse('content_block_start', {
    type: 'content_block_start',
    index: 3,
    content_block: { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: {} },
  }),
  sse('content_block_delta', {
    type: 'content_block_delta',
    index: 3,
    delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' },
  }),
  sse('content_block_stop', { type: 'content_block_stop', index: 3 }),
  sse('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 20 },
  }),
  sse('message_stop', { type: 'message_stop' }),
].join('');

/** The client's body as the gateway would send it for an Anthropic upstream. */
function clientAnswer(client: WireFormat, stream: boolean): string {
  if (!stream)
    return JSON.stringify(
      fromCanonicalResponse(client, toCanonicalResponse('anthropic-messages', upstreamJson), ctx),
    );
  const decoder = createStreamDecoder('anthropic-messages');
  const encoder = createStreamEncoder(client, { ...ctx, includeUsage: true });
  let out = '';
  for (const ev of [...decoder.push(upstreamStream), ...decoder.end()]) out += encoder.push(ev);
  return out + encoder.end();
}

function fakeFetch(body: string, contentType: string) {
  return async () => new Response(body, { status: 200, headers: { 'content-type': contentType } });
}

/** The Anthropic request built from the client's next turn: its assistant message content. */
function replayedTurn(client: WireFormat, body: unknown): unknown[] {
  const { body: upstream } = fromCanonicalRequest(
    'anthropic-messages',
    toCanonicalRequest(client, body),
    ctx,
  );
  expect(upstream.thinking).toMatchObject({ type: 'enabled' });
  const messages = upstream.messages as { role: string; content: unknown[] }[];
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  expect(messages[2].content).toEqual([
    { type: 'tool_result', tool_use_id: 'toolu_01', content: '21C' },
  ]);
  return messages[1].content;
}

describe.each([false, true])('Anthropic thinking round trip (stream: %s)', (stream) => {
  it('through an OpenAI Chat client (thinking_blocks on the message)', async () => {
    const openai = new OpenAI({
      apiKey: 'k',
      baseURL: 'http://gw/v1',
      maxRetries: 0,
      fetch: fakeFetch(
        clientAnswer('openai-chat', stream),
        stream ? 'text/event-stream' : 'application/json',
      ),
    });
    const params = { model: 'client-model', messages: [{ role: 'user' as const, content: 'q' }] };
    const completion = stream
      ? await openai.chat.completions.stream(params).finalChatCompletion()
      : await openai.chat.completions.create(params);
    const message = completion.choices[0].message;
    const next = {
      model: 'client-model',
      max_completion_tokens: 4000,
      reasoning_effort: 'medium',
      messages: [
        { role: 'user', content: 'q' },
        message,
        { role: 'tool', tool_call_id: message.tool_calls?.[0]?.id, content: '21C' },
      ],
    };
    expect(replayedTurn('openai-chat', next)).toEqual(ANTHROPIC_TURN);
  });

  it('through a Responses client (reasoning items with encrypted_content)', async () => {
    const openai = new OpenAI({
      apiKey: 'k',
      baseURL: 'http://gw/v1',
      maxRetries: 0,
      fetch: fakeFetch(
        clientAnswer('openai-responses', stream),
        stream ? 'text/event-stream' : 'application/json',
      ),
    });
    const response = stream
      ? await openai.responses.stream({ model: 'client-model', input: 'q' }).finalResponse()
      : await openai.responses.create({ model: 'client-model', input: 'q' });
    expect(response.output.map((o) => o.type)).toEqual([
      'reasoning',
      'reasoning',
      'reasoning',
      'function_call',
    ]);
    const call = response.output.find((o) => o.type === 'function_call') as { call_id: string };
    const next = {
      model: 'client-model',
      max_output_tokens: 4000,
      reasoning: { effort: 'medium' },
      input: [
        { role: 'user', content: 'q' },
        ...response.output,
        { type: 'function_call_output', call_id: call.call_id, output: '21C' },
      ],
    };
    expect(replayedTurn('openai-responses', next)).toEqual(ANTHROPIC_TURN);
  });

  it('through a Gemini client (thought parts with thoughtSignature)', async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://gw' } });
    jest
      .spyOn(globalThis, 'fetch')
      .mockImplementation(
        fakeFetch(
          clientAnswer('gemini', stream),
          stream ? 'text/event-stream' : 'application/json',
        ),
      );
    const parts: unknown[] = [];
    if (stream) {
      for await (const c of await ai.models.generateContentStream({ model: 'm', contents: 'q' }))
        parts.push(...(c.candidates?.[0]?.content?.parts ?? []));
    } else {
      const r = await ai.models.generateContent({ model: 'm', contents: 'q' });
      parts.push(...(r.candidates?.[0]?.content?.parts ?? []));
    }
    jest.restoreAllMocks();
    const next = {
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { output: '21C' } } }],
        },
      ],
      generationConfig: { maxOutputTokens: 4000, thinkingConfig: { thinkingBudget: 2048 } },
    };
    expect(replayedTurn('gemini', next)).toEqual(ANTHROPIC_TURN);
  });
});
