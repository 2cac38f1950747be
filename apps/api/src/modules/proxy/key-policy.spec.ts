import { endUserOf, injectSystemPrompt, requestedMaxTokens, withMaxTokens } from './key-policy';

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

  it('caps OpenAI Chat with max_completion_tokens, the field OpenAI reasoning models accept', () => {
    expect(withMaxTokens('openai-chat', { model: 'o3' }, 100)).toEqual({
      model: 'o3',
      max_completion_tokens: 100,
    });
    expect(withMaxTokens('openai-chat', { max_completion_tokens: 500 }, 100)).toEqual({
      max_completion_tokens: 100,
    });
    // A client on a provider that only knows max_tokens keeps its field, capped.
    expect(withMaxTokens('openai-chat', { max_tokens: 500 }, 100)).toEqual({ max_tokens: 100 });
    expect(withMaxTokens('openai-chat', { max_tokens: 50 }, 100)).toEqual({ max_tokens: 50 });
    // Both sent: one value in both, never two limits that disagree.
    expect(
      withMaxTokens('openai-chat', { max_tokens: 80, max_completion_tokens: 500 }, 100),
    ).toEqual({ max_tokens: 80, max_completion_tokens: 80 });
  });

  it('lowers a limit above the cap in every other format and keeps a lower one', () => {
    expect(withMaxTokens('anthropic-messages', { max_tokens: 9000 }, 100).max_tokens).toBe(100);
    expect(withMaxTokens('anthropic-messages', { max_tokens: 10 }, 100).max_tokens).toBe(10);
    expect(withMaxTokens('openai-responses', { max_output_tokens: 900 }, 100)).toEqual({
      max_output_tokens: 100,
    });
    expect(
      withMaxTokens('gemini', { generationConfig: { maxOutputTokens: 900 } }, 100).generationConfig,
    ).toEqual({ maxOutputTokens: 100 });
  });

  it('finds the end user in the header first, then in each format’s own field', () => {
    expect(endUserOf('openai-chat', { user: 'alice' }, {})).toBe('alice');
    expect(endUserOf('openai-chat', { user: 'a', safety_identifier: 'b' }, {})).toBe('b');
    expect(endUserOf('openai-responses', { user: 'alice' }, {})).toBe('alice');
    expect(endUserOf('anthropic-messages', { metadata: { user_id: 'u-1' } }, {})).toBe('u-1');
    expect(endUserOf('gemini', { user: 'ignored' }, {})).toBeUndefined();
    expect(endUserOf('gemini', {}, { 'x-gateway-end-user': ' bob ' })).toBe('bob');
    expect(endUserOf('openai-chat', { user: 'alice' }, { 'x-gateway-end-user': 'carol' })).toBe(
      'carol',
    );
    expect(endUserOf('openai-chat', { user: '' }, { 'x-gateway-end-user': '' })).toBeUndefined();
    expect(endUserOf('openai-chat', { user: 42 }, {})).toBeUndefined();
  });
});
