import { finishReasonsFromBody } from './finish-reasons';

describe('finishReasonsFromBody', () => {
  it('reads one reason per choice in the upstream’s own words', () => {
    expect(
      finishReasonsFromBody('openai-chat', {
        choices: [{ finish_reason: 'stop' }, { finish_reason: 'length' }],
      }),
    ).toEqual(['stop', 'length']);
    expect(finishReasonsFromBody('anthropic-messages', { stop_reason: 'end_turn' })).toEqual([
      'end_turn',
    ]);
    expect(
      finishReasonsFromBody('gemini', { candidates: [{ finishReason: 'MAX_TOKENS' }] }),
    ).toEqual(['MAX_TOKENS']);
    expect(finishReasonsFromBody('openai-responses', { status: 'completed' })).toEqual([
      'completed',
    ]);
    expect(
      finishReasonsFromBody('openai-responses', {
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
      }),
    ).toEqual(['max_output_tokens']);
  });

  it('is undefined when the answer names none', () => {
    expect(finishReasonsFromBody('openai-chat', { choices: [{}] })).toBeUndefined();
    expect(finishReasonsFromBody('openai-chat', { choices: 'x' })).toBeUndefined();
    expect(finishReasonsFromBody('anthropic-messages', { stop_reason: null })).toBeUndefined();
  });
});
