import {
  GoogleGenAI,
  Type,
  type Content,
  type FunctionCall,
  type GenerateContentConfig,
  type GenerateContentResponseUsageMetadata,
  type Tool,
} from '@google/genai';
import { WEATHER_ARGS } from '../support/fake-providers';
import {
  CELLS,
  FINAL_TEXT,
  QUESTION,
  TOOL_RESULT,
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
    functionDeclarations: [
      {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: {
          type: Type.OBJECT,
          properties: { city: { type: Type.STRING, description: 'City name' } },
          required: ['city'],
        },
      },
    ],
  },
];

/** The SDK's `response.text` without its console warning when function calls are present. */
function textOf(content: Content | undefined): string {
  return (content?.parts ?? [])
    .filter((p) => typeof p.text === 'string' && !p.thought)
    .map((p) => p.text)
    .join('');
}

/** What a user reads off one generateContent call, streamed or not. */
interface Outcome {
  text: string;
  functionCalls: FunctionCall[];
  content: Content | undefined;
  finishReason: string | undefined;
  usage: GenerateContentResponseUsageMetadata | undefined;
  chunks: number;
}

describe('matrix: Gemini client (@google/genai) → every provider family', () => {
  let m: Matrix;
  let ai: GoogleGenAI;

  beforeAll(async () => {
    m = await startMatrix();
    ai = new GoogleGenAI({ apiKey: m.secret, httpOptions: { baseUrl: m.app.url } });
  });
  afterAll(() => stopMatrix(m));
  beforeEach(() => m.fake.reset());

  async function generate(
    mode: Mode,
    model: string,
    contents: Content[],
    config: GenerateContentConfig = {},
  ): Promise<Outcome> {
    if (mode === 'non-stream') {
      const res = await ai.models.generateContent({ model, contents, config });
      return {
        text: textOf(res.candidates?.[0]?.content),
        functionCalls: res.functionCalls ?? [],
        content: res.candidates?.[0]?.content,
        finishReason: res.candidates?.[0]?.finishReason,
        usage: res.usageMetadata,
        chunks: 1,
      };
    }
    const out: Outcome = {
      text: '',
      functionCalls: [],
      content: { role: 'model', parts: [] },
      finishReason: undefined,
      usage: undefined,
      chunks: 0,
    };
    for await (const chunk of await ai.models.generateContentStream({ model, contents, config })) {
      out.chunks++;
      out.text += textOf(chunk.candidates?.[0]?.content);
      out.functionCalls.push(...(chunk.functionCalls ?? []));
      out.content!.parts!.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
      out.finishReason = chunk.candidates?.[0]?.finishReason ?? out.finishReason;
      if (chunk.usageMetadata) out.usage = chunk.usageMetadata;
    }
    return out;
  }

  // Gemini counts cached tokens inside promptTokenCount, like OpenAI.
  function expectUsage(u: GenerateContentResponseUsageMetadata | undefined, kind: 'text' | 'tool') {
    expect(u).toMatchObject({
      promptTokenCount: usage.prompt,
      cachedContentTokenCount: usage.cached,
      candidatesTokenCount: usage.output(kind),
      totalTokenCount: usage.prompt + usage.output(kind),
    });
  }

  test.each(CELLS)('$family upstream · $mode · $kind', async ({ family, model, mode, kind }) => {
    const path = upstreamPath(family, mode === 'stream');
    if (kind === 'text') {
      const res = await generate(mode, model, [{ role: 'user', parts: [{ text: 'Say hello' }] }], {
        systemInstruction: 'You are terse.',
      });
      expect(res.text).toBe(greeting(family));
      expect(res.functionCalls).toEqual([]);
      expect(res.finishReason).toBe('STOP');
      if (mode === 'stream') expect(res.chunks).toBeGreaterThan(1);
      expectUsage(res.usage, 'text');
      expectUpstreamCalls(m.fake, family, path, 1);
      return;
    }

    const contents: Content[] = [{ role: 'user', parts: [{ text: QUESTION }] }];
    const first = await generate(mode, model, contents, { tools: TOOLS });
    expect(first.finishReason).toBe('STOP');
    expect(first.functionCalls).toHaveLength(1);
    const call = first.functionCalls[0];
    expect(call.name).toBe('get_weather');
    expect(call.args).toEqual(WEATHER_ARGS);
    expect(first.text).toBe('');
    expectUsage(first.usage, 'tool');

    const second = await generate(
      mode,
      model,
      [
        ...contents,
        first.content!,
        {
          role: 'user',
          parts: [
            {
              functionResponse: {
                ...(call.id ? { id: call.id } : {}),
                name: call.name,
                response: JSON.parse(TOOL_RESULT) as Record<string, unknown>,
              },
            },
          ],
        },
      ],
      { tools: TOOLS },
    );
    expect(second.text).toBe(FINAL_TEXT);
    expect(second.finishReason).toBe('STOP');
    expectUsage(second.usage, 'text');
    expectUpstreamCalls(m.fake, family, path, 2);
  });
});
