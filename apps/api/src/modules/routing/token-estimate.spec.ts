import { countTokens } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { TOKENIZE_SAMPLE_CHARS, estimateInputTokens } from './token-estimate';
import { loadTokenizer } from './tokenizer';

describe('estimateInputTokens', () => {
  it('counts about four characters per token across the prompt fields of every format, roles included', () => {
    expect(estimateInputTokens({ messages: [{ role: 'user', content: 'x'.repeat(40) }] })).toBe(11);
    expect(
      estimateInputTokens({ system: 'abcd', messages: [{ content: [{ text: 'abcd' }] }] }),
    ).toBe(2);
    expect(estimateInputTokens({ contents: [{ parts: [{ text: 'abcdefgh' }] }] })).toBe(2);
    expect(estimateInputTokens({ input: 'abcd', instructions: 'abcd' })).toBe(2);
  });

  it('ignores fields that are not prompt text', () => {
    expect(estimateInputTokens({ model: 'gpt-4o-mini-very-long-name', temperature: 1 })).toBe(0);
  });

  it("counts only the client format's own prompt fields when the format is known", () => {
    const body = { contents: [{ parts: [{ text: 'abcdefgh' }] }], input: 'x'.repeat(400) };
    expect(estimateInputTokens(body, 'gemini')).toBe(2);
    expect(estimateInputTokens(body, 'openai-responses')).toBe(100);
  });

  it("counts with the model's encoding once it is loaded, and extrapolates past the sample", async () => {
    const text = 'Les sanglots longs des violons de l’automne blessent mon cœur. ';
    const short = { messages: [{ role: 'user', content: text }] };
    await loadTokenizer('o200k_base');
    expect(estimateInputTokens(short, 'openai-chat', 'gpt-4o')).toBe(
      countTokens('user') + countTokens(text),
    );
    const long = text.repeat(Math.ceil((TOKENIZE_SAMPLE_CHARS * 3) / text.length));
    const estimate = estimateInputTokens({ input: long }, 'openai-responses', 'gpt-4o');
    const exact = countTokens(long);
    expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.05);
  });

  it('counts inline media as one image each instead of tokenizing its base64', () => {
    const base64 = 'iVBORw0KGgo'.repeat(1000);
    const anthropic = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: base64 } },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${base64}` } },
          ],
        },
      ],
    };
    // 765 per image; the rest is the short strings around them, at four characters per token.
    expect(estimateInputTokens(anthropic, 'anthropic-messages')).toBe(
      2 * 765 + Math.ceil('userimagebase64image/pngimage_url'.length / 4),
    );
  });
});
