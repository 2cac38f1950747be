import { openAIResponsesBody } from './responses-upstream';

const plain = { reasoningModel: false, upstreamModel: 'gpt-4o-mini' };
const reasoning = { reasoningModel: true, upstreamModel: 'o4-mini' };

describe('openAIResponsesBody', () => {
  it('asks OpenAI to keep nothing, since the gateway keeps the state', () => {
    expect(openAIResponsesBody({ input: 'hi' }, plain)).toEqual({ input: 'hi', store: false });
    expect(openAIResponsesBody({ input: 'hi', store: false }, plain)).toBeUndefined();
  });

  it('asks reasoning models, except chat snapshots, for encrypted reasoning once', () => {
    expect(openAIResponsesBody({ store: false }, reasoning)).toEqual({
      store: false,
      include: ['reasoning.encrypted_content'],
    });
    expect(
      openAIResponsesBody({ store: false, include: ['reasoning.encrypted_content'] }, reasoning),
    ).toBeUndefined();
    expect(
      openAIResponsesBody(
        { store: false },
        { reasoningModel: true, upstreamModel: 'gpt-5-chat-latest' },
      ),
    ).toBeUndefined();
  });

  it('leaves out reasoning items OpenAI cannot read: unencrypted, or minted by another provider', () => {
    const own = { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAAB' };
    const input = [
      { role: 'user', content: 'hi' },
      own,
      { type: 'reasoning', id: 'rs_2', summary: [] },
      { type: 'reasoning', id: 'rs_3', summary: [], encrypted_content: 'anthropic:sig' },
      { type: 'reasoning', id: 'rs_4', summary: [], encrypted_content: 'anthropic-redacted:x' },
    ];
    expect(openAIResponsesBody({ store: false, input }, plain)).toEqual({
      store: false,
      input: [input[0], own],
    });
  });
});
