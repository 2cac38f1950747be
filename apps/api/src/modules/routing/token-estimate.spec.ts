import { estimateInputTokens } from './token-estimate';

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
});
