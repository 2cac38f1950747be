// Acceptance through the official SDKs: the client streams the golden files produce, and the error
// bodies, are fed to each SDK through a fake fetch and read with its own accumulators.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeStreamError, fromCanonicalError, type CanonicalError } from '@gateway/converters';

const GOLDEN = join(__dirname, '..', 'src', '__golden__');
const UPSTREAMS = {
  'anthropic-messages': ['openai-chat', 'gemini', 'openai-responses'],
  'openai-chat': ['anthropic-messages', 'gemini', 'openai-responses'],
  'openai-responses': ['openai-chat', 'anthropic-messages', 'gemini'],
  gemini: ['openai-chat', 'anthropic-messages', 'openai-responses'],
} as const;

/** A fetch answering with `body`; an array is written as separate network chunks. */
function fakeFetch(body: string | string[], status = 200, contentType = 'text/event-stream') {
  return async () => {
    const chunks = Array.isArray(body) ? body : [body];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    return new Response(stream, { status, headers: { 'content-type': contentType } });
  };
}

const golden = (dir: string, name: string) =>
  readFileSync(join(GOLDEN, dir, name, 'stream.txt'), 'utf8');
const cities = (args: unknown[]) => args.map((a) => (a as { city: string }).city);

describe('Anthropic SDK MessageStream', () => {
  const client = (body: string, status?: number, type?: string) =>
    new Anthropic({
      apiKey: 'k',
      baseURL: 'http://gw',
      maxRetries: 0,
      fetch: fakeFetch(body, status, type),
    });

  it.each(UPSTREAMS['anthropic-messages'])(
    'accumulates text and tool calls converted from %s',
    async (up) => {
      const text = await client(golden(`anthropic-messages-to-${up}`, 'stream-text'))
        .messages.stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'q' }] })
        .finalMessage();
      expect(
        text.content
          .filter((b) => b.type === 'text')
          .map((b) => (b as { text: string }).text)
          .join(''),
      ).toBe('Why did the chicken');
      expect(text.stop_reason).toBe('end_turn');

      const tools = await client(golden(`anthropic-messages-to-${up}`, 'stream-tools'))
        .messages.stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'q' }] })
        .finalMessage();
      const uses = tools.content.filter((b) => b.type === 'tool_use') as {
        input: unknown;
        id: string;
      }[];
      expect(cities(uses.map((u) => u.input))).toEqual(['Paris', 'Rome']);
      expect(new Set(uses.map((u) => u.id)).size).toBe(2);
      expect(tools.stop_reason).toBe('tool_use');
    },
  );

  it('throws the mapped error type and status for a 529 and for a mid-stream error', async () => {
    const err: CanonicalError = { status: 503, kind: 'unavailable', message: 'busy' };
    const { status, body } = fromCanonicalError('anthropic-messages', err);
    await expect(
      client(JSON.stringify(body), status, 'application/json').messages.create({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: 'q' }],
      }),
    ).rejects.toMatchObject({ status: 529, type: 'overloaded_error' });
    const partial = golden('anthropic-messages-to-openai-chat', 'stream-text').split(
      'event: message_delta',
    )[0];
    await expect(
      client(partial + encodeStreamError('anthropic-messages', err))
        .messages.stream({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'q' }] })
        .finalMessage(),
    ).rejects.toThrow(/busy/);
  });
});

describe('OpenAI SDK ChatCompletionStream', () => {
  const client = (body: string, status?: number, type?: string) =>
    new OpenAI({
      apiKey: 'k',
      baseURL: 'http://gw/v1',
      maxRetries: 0,
      fetch: fakeFetch(body, status, type),
    });

  it.each(UPSTREAMS['openai-chat'])(
    'accumulates text and tool calls converted from %s',
    async (up) => {
      const text = await client(golden(`openai-chat-to-${up}`, 'stream-text'))
        .chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'q' }] })
        .finalChatCompletion();
      expect(text.choices[0].message.content).toBe('Why did the chicken');
      expect(text.choices[0].finish_reason).toBe('stop');

      const tools = await client(golden(`openai-chat-to-${up}`, 'stream-tools'))
        .chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'q' }] })
        .finalChatCompletion();
      const calls = tools.choices[0].message.tool_calls ?? [];
      expect(
        cities(
          calls.map((c) =>
            JSON.parse((c as { function: { arguments: string } }).function.arguments),
          ),
        ),
      ).toEqual(['Paris', 'Rome']);
      expect(calls.every((c) => c.id.length <= 40)).toBe(true);
      expect(tools.choices[0].finish_reason).toBe('tool_calls');
    },
  );

  it('classifies mapped errors by status and throws on a mid-stream error', async () => {
    const { status, body } = fromCanonicalError('openai-chat', {
      status: 529,
      kind: 'overloaded',
      message: 'busy',
    });
    await expect(
      client(JSON.stringify(body), status, 'application/json').chat.completions.create({
        model: 'm',
        messages: [],
      }),
    ).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    const partial =
      golden('openai-chat-to-anthropic-messages', 'stream-text')
        .split('"finish_reason":"stop"')[0]
        .split('\n\n')
        .slice(0, -1)
        .join('\n\n') + '\n\n';
    await expect(
      client(
        partial +
          encodeStreamError('openai-chat', { status: 529, kind: 'overloaded', message: 'busy' }),
      )
        .chat.completions.stream({ model: 'm', messages: [] })
        .finalChatCompletion(),
    ).rejects.toThrow(/busy/);
  });
});

describe('OpenAI SDK ResponseStream', () => {
  const client = (body: string) =>
    new OpenAI({ apiKey: 'k', baseURL: 'http://gw/v1', maxRetries: 0, fetch: fakeFetch(body) });

  it.each(UPSTREAMS['openai-responses'])(
    'accumulates output items converted from %s',
    async (up) => {
      const text = await client(golden(`openai-responses-to-${up}`, 'stream-text'))
        .responses.stream({ model: 'm', input: 'q' })
        .finalResponse();
      expect(text.output_text).toBe('Why did the chicken');
      expect(text.status).toBe('completed');

      const tools = await client(golden(`openai-responses-to-${up}`, 'stream-tools'))
        .responses.stream({ model: 'm', input: 'q' })
        .finalResponse();
      const calls = tools.output.filter((o) => o.type === 'function_call') as {
        arguments: string;
        call_id: string;
      }[];
      expect(cities(calls.map((c) => JSON.parse(c.arguments)))).toEqual(['Paris', 'Rome']);
      expect(tools.usage?.total_tokens).toBe(80);
    },
  );
});

describe('Google GenAI SDK generateContentStream', () => {
  const client = (body: string | string[]) => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://gw' } });
    // js-genai calls the global fetch.
    jest.spyOn(globalThis, 'fetch').mockImplementation(fakeFetch(body));
    return ai;
  };
  afterEach(() => jest.restoreAllMocks());

  it.each(UPSTREAMS.gemini)('reads text and function calls converted from %s', async (up) => {
    let text = '';
    for await (const c of await client(
      golden(`gemini-to-${up}`, 'stream-text'),
    ).models.generateContentStream({ model: 'm', contents: 'q' })) {
      text += c.text ?? '';
    }
    expect(text).toBe('Why did the chicken');

    const calls: unknown[] = [];
    let last: unknown;
    for await (const c of await client(
      golden(`gemini-to-${up}`, 'stream-tools'),
    ).models.generateContentStream({ model: 'm', contents: 'q' })) {
      calls.push(...(c.functionCalls ?? []).map((f) => f.args));
      last = c;
    }
    expect(cities(calls)).toEqual(['Paris', 'Rome']);
    expect(last).toMatchObject({
      candidates: [{ finishReason: 'STOP' }],
      usageMetadata: { totalTokenCount: 80 },
    });
  });

  it('throws ApiError on a bare JSON error written mid-stream', async () => {
    const partial = golden('gemini-to-openai-chat', 'stream-text').split('\n\n')[0] + '\n\n';
    // The server writes the error object as its own write, which js-genai sees as its own chunk.
    const ai = client([
      partial,
      encodeStreamError('gemini', { status: 503, kind: 'unavailable', message: 'busy' }),
    ]);
    const run = async () => {
      for await (const c of await ai.models.generateContentStream({ model: 'm', contents: 'q' }))
        void c;
    };
    await expect(run()).rejects.toThrow(/busy/);
  });
});
