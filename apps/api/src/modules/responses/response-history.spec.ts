import {
  conversationItems,
  inputItemsOf,
  pageOf,
  replayItems,
  type ChainLink,
} from './response-history';

const call = { type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'f', arguments: '{}' };
const signed = { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'anthropic:sig' };
const unsigned = { type: 'reasoning', id: 'rs_2', summary: [] };
const answer = {
  type: 'message',
  id: 'msg_2',
  role: 'assistant',
  content: [{ type: 'output_text', text: 'done' }],
};
const chain: ChainLink[] = [
  {
    id: 'resp_a',
    inputItems: [{ type: 'message', role: 'user', content: 'hi' }],
    response: { output: [signed, unsigned, call] },
  },
  {
    id: 'resp_b',
    inputItems: [{ type: 'function_call_output', call_id: 'c1', output: 'ok' }],
    response: { output: [answer] },
  },
];

describe('response history', () => {
  it('reads a string input as one user message and keeps item lists as they are', () => {
    expect(inputItemsOf('hi')).toEqual([{ type: 'message', role: 'user', content: 'hi' }]);
    expect(inputItemsOf([call, 'junk'])).toEqual([call]);
    expect(inputItemsOf(undefined)).toEqual([]);
  });

  it('replays each turn as its input then its output, leaving out reasoning no upstream can read', () => {
    expect(replayItems(chain)).toEqual([
      chain[0].inputItems[0],
      signed,
      call,
      chain[1].inputItems[0],
      answer,
    ]);
  });

  it("lists a response's whole conversation with stable ids and message parts", () => {
    const items = conversationItems(chain);
    expect(items).toEqual([
      {
        id: 'msg_resp_a_in0',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'hi' }],
      },
      signed,
      unsigned,
      call,
      { id: 'fco_resp_b_in0', type: 'function_call_output', call_id: 'c1', output: 'ok' },
    ]);
    expect(conversationItems(chain)).toEqual(items);
  });

  it('pages in either order after or before a cursor, saying whether more remain', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const ids = (p: ReturnType<typeof pageOf>) => p.data.map((i) => i.id);
    const desc = pageOf(items, { limit: 2, order: 'desc' });
    expect(desc).toMatchObject({ first_id: 'e', last_id: 'd', has_more: true, object: 'list' });
    expect(ids(pageOf(items, { limit: 2, order: 'desc', after: 'd' }))).toEqual(['c', 'b']);
    const last = pageOf(items, { limit: 2, order: 'asc', after: 'c' });
    expect(ids(last)).toEqual(['d', 'e']);
    expect(last.has_more).toBe(false);
    expect(ids(pageOf(items, { limit: 2, order: 'asc', before: 'd' }))).toEqual(['b', 'c']);
    expect(pageOf(items, { limit: 2, order: 'asc', after: 'zz' })).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
  });
});
