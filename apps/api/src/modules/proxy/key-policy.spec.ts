import { injectSystemPrompt, requestedMaxTokens, withMaxTokens } from './key-policy';

describe('key policies in the client’s own format', () => {
  it('puts the key’s system prompt first in every format', () => {
    expect(
      injectSystemPrompt('openai-chat', { messages: [{ role: 'user', content: 'hi' }] }, 'Be brief')
        .messages,
    ).toEqual([
      { role: 'system', content: 'Be brief' },
      { role: 'user', content: 'hi' },
    ]);
    expect(
      injectSystemPrompt('anthropic-messages', { system: 'You are Claude' }, 'Be brief').system,
    ).toBe('Be brief\n\nYou are Claude');
    expect(
      injectSystemPrompt(
        'anthropic-messages',
        { system: [{ type: 'text', text: 'x' }] },
        'Be brief',
      ).system,
    ).toEqual([
      { type: 'text', text: 'Be brief' },
      { type: 'text', text: 'x' },
    ]);
    expect(injectSystemPrompt('gemini', { contents: [] }, 'Be brief').systemInstruction).toEqual({
      parts: [{ text: 'Be brief' }],
    });
    expect(
      injectSystemPrompt('openai-responses', { instructions: 'x' }, 'Be brief').instructions,
    ).toBe('Be brief\n\nx');
  });

  it('reads and sets the output-token limit per format', () => {
    expect(requestedMaxTokens('openai-chat', { max_completion_tokens: 5 })).toBe(5);
    expect(requestedMaxTokens('gemini', { generationConfig: { maxOutputTokens: 7 } })).toBe(7);
    expect(requestedMaxTokens('anthropic-messages', {})).toBeUndefined();
    expect(
      withMaxTokens('gemini', { generationConfig: { temperature: 0 } }, 9).generationConfig,
    ).toEqual({ temperature: 0, maxOutputTokens: 9 });
    expect(withMaxTokens('openai-responses', {}, 9)).toEqual({ max_output_tokens: 9 });
  });
});
