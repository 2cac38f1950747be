import Anthropic from '@anthropic-ai/sdk';
import type {
  Message,
  MessageCreateParamsNonStreaming,
  MessageParam,
  Tool,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
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

const TOOLS: Tool[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    input_schema: WEATHER_SCHEMA as unknown as Tool.InputSchema,
  },
];

describe('matrix: Anthropic Messages client (@anthropic-ai/sdk) → every provider family', () => {
  let m: Matrix;
  let client: Anthropic;

  beforeAll(async () => {
    m = await startMatrix();
    client = new Anthropic({ baseURL: m.app.url, apiKey: m.secret, maxRetries: 0 });
  });
  afterAll(() => stopMatrix(m));
  beforeEach(() => m.fake.reset());

  /** One call in the cell's mode; the stream goes through `messages.stream().finalMessage()`. */
  async function send(
    mode: Mode,
    params: MessageCreateParamsNonStreaming,
  ): Promise<{ message: Message; textDeltas: string[] }> {
    if (mode === 'non-stream')
      return { message: await client.messages.create(params), textDeltas: [] };
    const stream = client.messages.stream(params);
    const textDeltas: string[] = [];
    stream.on('text', (delta) => textDeltas.push(delta));
    return { message: await stream.finalMessage(), textDeltas };
  }

  // Anthropic's input_tokens excludes cache reads, whatever the upstream counted.
  function expectUsage(message: Message, kind: 'text' | 'tool') {
    expect(message.usage).toMatchObject({
      input_tokens: usage.prompt - usage.cached,
      cache_read_input_tokens: usage.cached,
      output_tokens: usage.output(kind),
    });
  }

  test.each(CELLS)('$family upstream · $mode · $kind', async ({ family, model, mode, kind }) => {
    const path = upstreamPath(family, mode === 'stream');
    if (kind === 'text') {
      const { message, textDeltas } = await send(mode, {
        model,
        max_tokens: 1024,
        system: 'You are terse.',
        messages: [{ role: 'user', content: 'Say hello' }],
      });
      expect(message.role).toBe('assistant');
      expect(message.content).toEqual([
        expect.objectContaining({ type: 'text', text: greeting(family) }),
      ]);
      expect(message.stop_reason).toBe('end_turn');
      if (mode === 'stream') expect(textDeltas.length).toBeGreaterThan(1);
      expectUsage(message, 'text');
      expectUpstreamCalls(m.fake, family, path, 1);
      return;
    }

    const messages: MessageParam[] = [{ role: 'user', content: QUESTION }];
    const first = await send(mode, { model, max_tokens: 1024, messages, tools: TOOLS });
    expect(first.message.stop_reason).toBe('tool_use');
    const uses = first.message.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    expect(uses).toHaveLength(1);
    expect(uses[0].name).toBe('get_weather');
    expect(uses[0].input).toEqual(WEATHER_ARGS);
    expect(uses[0].id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expectUsage(first.message, 'tool');

    const second = await send(mode, {
      model,
      max_tokens: 1024,
      tools: TOOLS,
      messages: [
        ...messages,
        { role: 'assistant', content: first.message.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: uses[0].id, content: TOOL_RESULT }],
        },
      ],
    });
    expect(second.message.content).toEqual([
      expect.objectContaining({ type: 'text', text: FINAL_TEXT }),
    ]);
    expect(second.message.stop_reason).toBe('end_turn');
    expectUsage(second.message, 'text');
    expectUpstreamCalls(m.fake, family, path, 2);
  });
});
