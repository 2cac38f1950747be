import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { WEATHER_ARGS } from '../support/fake-providers';
import {
  CELLS,
  FINAL_TEXT,
  QUESTION,
  TOOL_RESULT,
  WEATHER_SCHEMA,
  expectUpstreamCalls,
  greeting,
  startMatrix,
  stopMatrix,
  upstreamPath,
  usage,
  type Matrix,
  type Mode,
} from './matrix-harness';

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: WEATHER_SCHEMA,
    },
  },
];

describe('matrix: OpenAI Chat Completions client (openai SDK) → every provider family', () => {
  let m: Matrix;
  let client: OpenAI;

  beforeAll(async () => {
    m = await startMatrix();
    client = new OpenAI({ baseURL: `${m.app.url}/v1`, apiKey: m.secret, maxRetries: 0 });
  });
  afterAll(() => stopMatrix(m));
  beforeEach(() => m.fake.reset());

  /** One call in the cell's mode; the stream goes through the SDK's helper and keeps the usage chunk. */
  async function complete(
    mode: Mode,
    params: Omit<ChatCompletionCreateParamsNonStreaming, 'stream'>,
  ): Promise<{ completion: ChatCompletion; usage: CompletionUsage | undefined; deltas: string[] }> {
    if (mode === 'non-stream') {
      const completion = await client.chat.completions.create(params);
      return { completion, usage: completion.usage, deltas: [] };
    }
    const stream = client.chat.completions.stream({
      ...params,
      stream_options: { include_usage: true },
    });
    let streamedUsage: CompletionUsage | undefined;
    const deltas: string[] = [];
    stream.on('chunk', (chunk) => {
      if (chunk.usage) streamedUsage = chunk.usage;
    });
    stream.on('content', (delta) => deltas.push(delta));
    const completion = await stream.finalChatCompletion();
    return { completion, usage: streamedUsage, deltas };
  }

  function expectUsage(u: CompletionUsage | undefined, kind: 'text' | 'tool') {
    expect(u).toMatchObject({
      prompt_tokens: usage.prompt,
      completion_tokens: usage.output(kind),
      total_tokens: usage.prompt + usage.output(kind),
      prompt_tokens_details: { cached_tokens: usage.cached },
    });
  }

  test.each(CELLS)('$family upstream · $mode · $kind', async ({ family, model, mode, kind }) => {
    const path = upstreamPath(family, mode === 'stream');
    if (kind === 'text') {
      const {
        completion,
        usage: u,
        deltas,
      } = await complete(mode, {
        model,
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'Say hello' },
        ],
      });
      const choice = completion.choices[0];
      expect(choice.message.content).toBe(greeting(family));
      expect(choice.message.role).toBe('assistant');
      expect(choice.finish_reason).toBe('stop');
      if (mode === 'stream') expect(deltas.length).toBeGreaterThan(1);
      expectUsage(u, 'text');
      expectUpstreamCalls(m.fake, family, path, 1);
      return;
    }

    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: QUESTION }];
    const first = await complete(mode, { model, messages, tools: TOOLS });
    const choice = first.completion.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    const calls = choice.message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    const call = calls[0];
    if (call.type !== 'function') throw new Error(`unexpected tool call type ${call.type}`);
    expect(call.id).toMatch(/\S/);
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual(WEATHER_ARGS);
    expectUsage(first.usage, 'tool');

    const second = await complete(mode, {
      model,
      tools: TOOLS,
      messages: [
        ...messages,
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: TOOL_RESULT },
      ],
    });
    expect(second.completion.choices[0].message.content).toBe(FINAL_TEXT);
    expect(second.completion.choices[0].finish_reason).toBe('stop');
    expectUsage(second.usage, 'text');
    expectUpstreamCalls(m.fake, family, path, 2);
  });
});
