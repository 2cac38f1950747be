import OpenAI from 'openai';
import type {
  FunctionTool,
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseFunctionToolCall,
  ResponseInputItem,
  ResponseUsage,
} from 'openai/resources/responses/responses';
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

const TOOLS: FunctionTool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: WEATHER_SCHEMA as unknown as Record<string, unknown>,
    strict: false,
  },
];

describe('matrix: OpenAI Responses client (openai SDK) → every provider family', () => {
  let m: Matrix;
  let client: OpenAI;

  beforeAll(async () => {
    m = await startMatrix();
    client = new OpenAI({ baseURL: `${m.app.url}/v1`, apiKey: m.secret, maxRetries: 0 });
  });
  afterAll(() => stopMatrix(m));
  beforeEach(() => m.fake.reset());

  /** One call in the cell's mode; the stream goes through `responses.stream().finalResponse()`. */
  async function respond(
    mode: Mode,
    params: Omit<ResponseCreateParamsNonStreaming, 'stream'>,
  ): Promise<{ response: Response; textDeltas: string[]; argDeltas: string[] }> {
    if (mode === 'non-stream')
      return { response: await client.responses.create(params), textDeltas: [], argDeltas: [] };
    const stream = client.responses.stream(params);
    const textDeltas: string[] = [];
    const argDeltas: string[] = [];
    stream.on('response.output_text.delta', (e) => textDeltas.push(e.delta));
    stream.on('response.function_call_arguments.delta', (e) => argDeltas.push(e.delta));
    return { response: await stream.finalResponse(), textDeltas, argDeltas };
  }

  // Responses counts cached tokens inside input_tokens, like Chat Completions.
  function expectUsage(u: ResponseUsage | undefined, kind: 'text' | 'tool') {
    expect(u).toMatchObject({
      input_tokens: usage.prompt,
      input_tokens_details: { cached_tokens: usage.cached },
      output_tokens: usage.output(kind),
      total_tokens: usage.prompt + usage.output(kind),
    });
  }

  test.each(CELLS)('$family upstream · $mode · $kind', async ({ family, model, mode, kind }) => {
    const path = upstreamPath(family, mode === 'stream', true);
    if (kind === 'text') {
      const { response, textDeltas } = await respond(mode, {
        model,
        instructions: 'You are terse.',
        input: 'Say hello',
      });
      expect(response.status).toBe('completed');
      expect(response.output_text).toBe(greeting(family));
      expect(response.output).toEqual([
        expect.objectContaining({ type: 'message', role: 'assistant' }),
      ]);
      if (mode === 'stream') expect(textDeltas.join('')).toBe(greeting(family));
      expectUsage(response.usage, 'text');
      expectUpstreamCalls(m.fake, family, path, 1);
      return;
    }

    const input: ResponseInputItem[] = [{ role: 'user', content: QUESTION }];
    const first = await respond(mode, { model, input, tools: TOOLS });
    expect(first.response.status).toBe('completed');
    const calls = first.response.output.filter(
      (i): i is ResponseFunctionToolCall => i.type === 'function_call',
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].name).toBe('get_weather');
    expect(JSON.parse(calls[0].arguments)).toEqual(WEATHER_ARGS);
    expect(calls[0].call_id).toMatch(/\S/);
    if (mode === 'stream') expect(JSON.parse(first.argDeltas.join(''))).toEqual(WEATHER_ARGS);
    expectUsage(first.response.usage, 'tool');

    const second = await respond(mode, {
      model,
      tools: TOOLS,
      input: [
        ...input,
        ...first.response.output.map((item) => item as ResponseInputItem),
        { type: 'function_call_output', call_id: calls[0].call_id, output: TOOL_RESULT },
      ],
    });
    expect(second.response.output_text).toBe(FINAL_TEXT);
    expectUsage(second.response.usage, 'text');
    expectUpstreamCalls(m.fake, family, path, 2);
  });
});
