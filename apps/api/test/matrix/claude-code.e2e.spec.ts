import Anthropic from '@anthropic-ai/sdk';
import type {
  BetaContentBlock,
  BetaMessageParam,
  BetaTool,
  MessageCreateParamsBase as BetaCreateParams,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import type { ContentBlock, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type {
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { THINKING_SIGNATURE, WEATHER_ARGS } from '../support/fake-providers';
import {
  FINAL_TEXT,
  QUESTION,
  TOOL_RESULT,
  UPSTREAMS,
  WEATHER_SCHEMA,
  startMatrix,
  stopMatrix,
  type Matrix,
} from './matrix-harness';

const CLAUDE = 'claude-sonnet-4-6';
const TOOLS: Tool[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    input_schema: WEATHER_SCHEMA as unknown as Tool.InputSchema,
  },
];

// What Claude Code sends: beta flags, a cached system prompt in blocks, draft-07 tool schemas with
// $schema and additionalProperties, thinking, a large max_tokens (so it must stream), a metadata user id.
const CLAUDE_CODE_BETAS = [
  'claude-code-20250219',
  'interleaved-thinking-2025-05-14',
  'fine-grained-tool-streaming-2025-05-14',
];
const CLAUDE_CODE_TOOLS: BetaTool[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    input_schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { city: { type: 'string', description: 'City name' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
];
const CLAUDE_CODE_REQUEST: Omit<BetaCreateParams, 'model' | 'messages'> = {
  max_tokens: 32_000,
  thinking: { type: 'enabled', budget_tokens: 4_000 },
  system: [
    { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
    {
      type: 'text',
      text: 'Answer questions about the weather.',
      cache_control: { type: 'ephemeral' },
    },
  ],
  tools: CLAUDE_CODE_TOOLS,
  metadata: { user_id: 'user_abc_account_def_session_123' },
  betas: CLAUDE_CODE_BETAS,
};

// Claude Code calls `/v1/messages?beta=true`; this SDK release names betas in the header only.
const CLAUDE_CODE_OPTIONS = { query: { beta: 'true' } };

describe('Anthropic features through the SDKs: thinking replay, count_tokens, betas, Claude Code traffic, dropped params', () => {
  let m: Matrix;
  let anthropic: Anthropic;
  /** URLs the Anthropic SDK called on the gateway. */
  const called: string[] = [];

  beforeAll(async () => {
    m = await startMatrix();
    anthropic = new Anthropic({
      baseURL: m.app.url,
      apiKey: m.secret,
      maxRetries: 0,
      fetch: (url, init) => {
        called.push(String(url));
        return fetch(url, init);
      },
    });
  });
  afterAll(() => stopMatrix(m));
  beforeEach(() => {
    m.fake.reset();
    called.length = 0;
  });

  test.each(['non-stream', 'stream'] as const)(
    'replays signed thinking blocks unchanged to Anthropic across a tool loop (%s)',
    async (mode) => {
      const params = {
        model: CLAUDE,
        max_tokens: 8_000,
        thinking: { type: 'enabled', budget_tokens: 2_048 } as const,
        tools: TOOLS,
      };
      const messages: MessageParam[] = [{ role: 'user', content: QUESTION }];
      const send = (msgs: MessageParam[]) =>
        mode === 'stream'
          ? anthropic.messages.stream({ ...params, messages: msgs }).finalMessage()
          : anthropic.messages.create({ ...params, messages: msgs });
      const first = await send(messages);
      expect(first.stop_reason).toBe('tool_use');
      expect(first.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
      const thinking = first.content[0] as Extract<ContentBlock, { type: 'thinking' }>;
      expect(thinking.signature).toBe(THINKING_SIGNATURE);
      expect(thinking.thinking).toBe('I should check the weather.');
      const use = first.content[1] as Extract<ContentBlock, { type: 'tool_use' }>;

      const second = await send([
        ...messages,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: use.id, content: TOOL_RESULT }],
        },
      ]);
      expect(second.content.find((b) => b.type === 'text')).toMatchObject({ text: FINAL_TEXT });

      const replayed = m.fake.requests[1].body.messages[1].content;
      expect(replayed[0]).toEqual({
        type: 'thinking',
        thinking: 'I should check the weather.',
        signature: THINKING_SIGNATURE,
      });
      expect(
        m.fake.requests.every((r) => r.family === 'anthropic' && r.problems.length === 0),
      ).toBe(true);
    },
  );

  test.each(['non-stream', 'stream'] as const)(
    'an OpenAI client keeps Anthropic signed thinking through a tool loop via thinking_blocks (%s)',
    async (mode) => {
      const openai = new OpenAI({ baseURL: `${m.app.url}/v1`, apiKey: m.secret, maxRetries: 0 });
      const params = {
        model: CLAUDE,
        reasoning_effort: 'low' as const,
        tools: [
          {
            type: 'function' as const,
            function: { name: 'get_weather', parameters: WEATHER_SCHEMA },
          },
        ],
      };
      const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: QUESTION }];
      const send = (msgs: ChatCompletionMessageParam[]) =>
        mode === 'stream'
          ? openai.chat.completions.stream({ ...params, messages: msgs }).finalChatCompletion()
          : openai.chat.completions.create({ ...params, messages: msgs });
      const first = await send(messages);
      const assistant = first.choices[0].message as ChatCompletionMessage & {
        thinking_blocks?: unknown[];
      };
      expect(first.choices[0].finish_reason).toBe('tool_calls');
      expect(assistant.thinking_blocks).toEqual([
        expect.objectContaining({ type: 'thinking', signature: THINKING_SIGNATURE }),
      ]);
      const call = assistant.tool_calls![0];

      const second = await send([
        ...messages,
        assistant as ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call.id, content: TOOL_RESULT },
      ]);
      expect(second.choices[0].message.content).toBe(FINAL_TEXT);
      expect(m.fake.requests[0].body.thinking).toMatchObject({ type: 'enabled' });
      expect(m.fake.requests[1].body.messages[1].content[0]).toEqual({
        type: 'thinking',
        thinking: 'I should check the weather.',
        signature: THINKING_SIGNATURE,
      });
      expect(m.fake.requests.every((r) => r.problems.length === 0)).toBe(true);
    },
  );

  test.each(UPSTREAMS)(
    'Claude Code traffic (beta=true, betas, thinking, tools with $schema, streamed) completes a tool loop on a $family model',
    async ({ family, model }) => {
      const messages: BetaMessageParam[] = [{ role: 'user', content: QUESTION }];
      const first = await anthropic.beta.messages
        .stream({ ...CLAUDE_CODE_REQUEST, model, messages }, CLAUDE_CODE_OPTIONS)
        .finalMessage();
      expect(first.stop_reason).toBe('tool_use');
      const use = first.content.find(
        (b): b is Extract<BetaContentBlock, { type: 'tool_use' }> => b.type === 'tool_use',
      );
      expect(use).toMatchObject({ name: 'get_weather', input: WEATHER_ARGS });

      const second = await anthropic.beta.messages
        .stream(
          {
            ...CLAUDE_CODE_REQUEST,
            model,
            messages: [
              ...messages,
              { role: 'assistant', content: first.content },
              {
                role: 'user',
                content: [{ type: 'tool_result', tool_use_id: use!.id, content: TOOL_RESULT }],
              },
            ],
          },
          CLAUDE_CODE_OPTIONS,
        )
        .finalMessage();
      expect(second.stop_reason).toBe('end_turn');
      expect(second.content.filter((b) => b.type === 'text').map((b) => b.text)).toEqual([
        FINAL_TEXT,
      ]);

      expect(called.map((u) => new URL(u).pathname + new URL(u).search)).toEqual([
        '/v1/messages?beta=true',
        '/v1/messages?beta=true',
      ]);
      expect(m.fake.requests.map((r) => [r.family, r.problems])).toEqual([
        [family, []],
        [family, []],
      ]);
      if (family === 'anthropic') {
        // Same format: the beta flags reach Anthropic, and the signed thinking comes back unchanged.
        expect(m.fake.requests[0].headers['anthropic-beta']).toBe(CLAUDE_CODE_BETAS.join(','));
        expect(m.fake.requests[1].body.messages[1].content[0]).toMatchObject({
          type: 'thinking',
          signature: THINKING_SIGNATURE,
        });
        expect(m.fake.requests[0].body.system).toEqual(CLAUDE_CODE_REQUEST.system);
      }
    },
  );

  it('forwards the anthropic-beta header to Anthropic', async () => {
    await anthropic.beta.messages.create({
      model: CLAUDE,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'hi' }],
      betas: ['context-1m-2025-08-07'],
    });
    expect(m.fake.last('anthropic')?.headers['anthropic-beta']).toBe('context-1m-2025-08-07');
    expect(m.fake.last('anthropic')?.headers['x-api-key']).toBe(m.fake.env().ANTHROPIC_API_KEY);
  });

  it('forwards count_tokens to Anthropic for a Claude model', async () => {
    const count = await anthropic.messages.countTokens({
      model: CLAUDE,
      system: 'You are terse.',
      messages: [{ role: 'user', content: QUESTION }],
      tools: TOOLS,
    });
    expect(count.input_tokens).toBe(57);
    expect(m.fake.requests.map((r) => [r.path, r.problems])).toEqual([
      ['/v1/messages/count_tokens', []],
    ]);
  });

  it('counts count_tokens for an OpenAI model locally with its tokenizer (no upstream call)', async () => {
    const { data, response } = await anthropic.messages
      .countTokens({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: QUESTION }] })
      .withResponse();
    // o200k_base: 7 tokens of text, 3 per message, 1 for the role, 3 priming the reply.
    expect(data.input_tokens).toBe(14);
    expect(response.headers.get('x-gateway-token-count')).toBe('tokenizer');
    expect(response.headers.get('x-gateway-tokenizer')).toBe('o200k_base');
    expect(m.fake.requests).toEqual([]);
  });

  it("asks Gemini's countTokens for a Gemini model, converting the Anthropic request", async () => {
    const { data, response } = await anthropic.messages
      .countTokens({
        model: 'gemini-2.5-flash',
        system: 'You are terse.',
        messages: [{ role: 'user', content: QUESTION }],
        tools: TOOLS,
      })
      .withResponse();
    expect(data.input_tokens).toBe(57);
    expect(response.headers.get('x-gateway-token-count')).toBe('provider');
    const sent = m.fake.last('gemini')!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:countTokens');
    expect(sent.problems).toEqual([]);
    expect(sent.body.generateContentRequest).toMatchObject({
      model: 'models/gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: QUESTION }] }],
      systemInstruction: { parts: [{ text: 'You are terse.' }] },
      tools: [{ functionDeclarations: [expect.objectContaining({ name: 'get_weather' })] }],
    });
  });

  it('forwards Gemini countTokens for a Gemini model and asks Anthropic for a Claude model', async () => {
    const ai = new GoogleGenAI({ apiKey: m.secret, httpOptions: { baseUrl: m.app.url } });
    const forwarded = await ai.models.countTokens({
      model: 'gemini-2.5-flash',
      contents: QUESTION,
    });
    expect(forwarded.totalTokens).toBe(57);
    expect(m.fake.requests.map((r) => [r.family, r.problems])).toEqual([['gemini', []]]);
    const claude = await ai.models.countTokens({ model: CLAUDE, contents: QUESTION });
    expect(claude.totalTokens).toBe(57);
    const sent = m.fake.last('anthropic')!;
    expect(sent.path).toBe('/v1/messages/count_tokens');
    expect(sent.problems).toEqual([]);
    expect(sent.body).toEqual({
      model: CLAUDE,
      messages: [{ role: 'user', content: [{ type: 'text', text: QUESTION }] }],
    });
  });

  it('drops what Anthropic cannot honour and names it in x-gateway-dropped-params', async () => {
    const openai = new OpenAI({ baseURL: `${m.app.url}/v1`, apiKey: m.secret, maxRetries: 0 });
    const { data, response } = await openai.chat.completions
      .create({
        model: CLAUDE,
        messages: [{ role: 'user', content: 'hi' }],
        seed: 7,
        presence_penalty: 0.5,
      })
      .withResponse();
    expect(data.choices[0].message.content).toBe('Hello from anthropic');
    expect(response.headers.get('x-gateway-dropped-params')?.split(',').sort()).toEqual([
      'presence_penalty',
      'seed',
    ]);
    const upstream = m.fake.last('anthropic')!;
    expect(upstream.body).not.toHaveProperty('seed');
    expect(upstream.body).not.toHaveProperty('presence_penalty');
  });

  it('drops Anthropic metadata a Gemini model cannot take and names it', async () => {
    const { response } = await anthropic.messages
      .create({
        model: 'gemini-2.5-flash',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'hi' }],
        metadata: { user_id: 'user-1' },
      })
      .withResponse();
    expect(response.headers.get('x-gateway-dropped-params')).toBe('metadata.user_id');
    expect(m.fake.last('gemini')?.problems).toEqual([]);
  });
});
