import { toCanonicalRequest } from '@gateway/converters';
import { countTokens as chatTokensGpt4 } from 'gpt-tokenizer/cjs/model/gpt-4';
import { countTokens as chatTokensGpt4o } from 'gpt-tokenizer/cjs/model/gpt-4o';
import { countRequestTokens } from './token-count';
import { encodingFor, loadTokenizer } from './tokenizer';

describe('encodingFor', () => {
  it.each([
    ['gpt-4o-mini', 'o200k_base', true],
    ['azure/gpt-4.1', 'o200k_base', true],
    ['o3-mini', 'o200k_base', true],
    ['gpt-5', 'o200k_base', true],
    ['openai/gpt-oss-120b', 'o200k_base', true],
    ['gpt-4-turbo', 'cl100k_base', true],
    ['gpt-3.5-turbo', 'cl100k_base', true],
    ['llama-3.3-70b-versatile', 'cl100k_base', false],
    ['my-model', 'cl100k_base', false],
  ])('%s → %s (exact: %s)', (model, encoding, exact) => {
    expect(encodingFor(model)).toEqual({ encoding, exact });
  });
});

describe('countRequestTokens', () => {
  const messages = [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'The quick brown fox jumps over the lazy dog.' },
    { role: 'assistant', content: 'Noted.' },
    { role: 'user', content: 'Again, in French: <|endoftext|> stays text.' },
  ] as const;

  it("matches OpenAI's chat framing (gpt-tokenizer's encodeChat) for gpt-4o and gpt-4", async () => {
    const req = toCanonicalRequest('openai-chat', { model: 'm', messages });
    expect(await countRequestTokens(req, await loadTokenizer('o200k_base'))).toBe(
      chatTokensGpt4o(
        messages.map((m) => ({ ...m })),
        { disallowedSpecial: new Set() },
      ),
    );
    expect(await countRequestTokens(req, await loadTokenizer('cl100k_base'))).toBe(
      chatTokensGpt4(
        messages.map((m) => ({ ...m })),
        { disallowedSpecial: new Set() },
      ),
    );
  });

  it('counts the same conversation alike from every client format', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const fromAnthropic = toCanonicalRequest('anthropic-messages', {
      model: 'm',
      max_tokens: 1,
      system: 'You are terse.',
      messages: messages.slice(1),
    });
    const fromGemini = toCanonicalRequest('gemini', {
      systemInstruction: { parts: [{ text: 'You are terse.' }] },
      contents: messages.slice(1).map((m) => ({
        role: m.role === 'assistant' ? 'model' : 'user',
        parts: [{ text: m.content }],
      })),
    });
    const fromChat = toCanonicalRequest('openai-chat', { model: 'm', messages });
    const expected = await countRequestTokens(fromChat, o200k);
    expect(await countRequestTokens(fromAnthropic, o200k)).toBe(expected);
    expect(await countRequestTokens(fromGemini, o200k)).toBe(expected);
  });

  it('counts tool calls, tool results as tool messages, tools and images', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const req = toCanonicalRequest('openai-chat', {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: {} } }],
    });
    const t = (s: string) => o200k.countTokens(s);
    expect(await countRequestTokens(req, o200k)).toBe(
      3 +
        (3 + t('user') + t('Weather?') + 85) +
        (3 + t('assistant') + t('get_weather') + t('{}')) +
        (3 + t('tool') + t('sunny')) +
        t(JSON.stringify({ name: 'get_weather', parameters: {} })),
    );
  });
});
