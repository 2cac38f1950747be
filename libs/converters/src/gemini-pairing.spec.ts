// Gemini pairs function responses with calls by position (ids are optional): results a client lists in
// another order than the calls must still answer the right call, in both directions.
import {
  fromCanonicalRequest,
  toCanonicalRequest,
  type ConvertContext,
  type WireFormat,
} from './index';

const ctx: ConvertContext = { upstreamModel: 'up', requestedModel: 'm', id: 'r1', created: 0 };
const fc = (name: string, args: object, id?: string) => ({
  functionCall: { name, args, ...(id ? { id } : {}) },
});
const fr = (name: string, output: string, id?: string) => ({
  functionResponse: { name, response: { output }, ...(id ? { id } : {}) },
});

/** OpenAI tool messages as `call id -> content`, plus the calls' arguments by id. */
function toOpenAI(body: unknown) {
  const out = fromCanonicalRequest('openai-chat', toCanonicalRequest('gemini', body), ctx).body;
  const messages = out.messages as {
    role: string;
    tool_call_id?: string;
    content: unknown;
    tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  }[];
  const calls = messages.flatMap((m) => m.tool_calls ?? []);
  const results = messages.filter((m) => m.role === 'tool');
  return results.map((r) => {
    const call = calls.find((c) => c.id === r.tool_call_id);
    return [call?.function.name, call?.function.arguments, r.content];
  });
}

describe('Gemini client: function responses listed in another order than the calls', () => {
  it('pairs two different functions by name and two calls of one function by call order', () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris and Rome, and the time?' }] },
        {
          role: 'model',
          parts: [
            fc('get_weather', { city: 'Paris' }),
            fc('get_time', { tz: 'CET' }),
            fc('get_weather', { city: 'Rome' }),
          ],
        },
        {
          role: 'user',
          parts: [
            fr('get_time', '10:00'),
            fr('get_weather', 'paris 21C'),
            fr('get_weather', 'rome 25C'),
          ],
        },
      ],
    };
    expect(toOpenAI(body).sort()).toEqual(
      [
        ['get_time', '{"tz":"CET"}', '10:00'],
        ['get_weather', '{"city":"Paris"}', 'paris 21C'],
        ['get_weather', '{"city":"Rome"}', 'rome 25C'],
      ].sort(),
    );
    // Anthropic gets each tool_result with the id of its own tool_use.
    const anthropic = fromCanonicalRequest(
      'anthropic-messages',
      toCanonicalRequest('gemini', body),
      ctx,
    ).body.messages as {
      content: {
        type: string;
        id?: string;
        tool_use_id?: string;
        input?: unknown;
        content?: unknown;
      }[];
    }[];
    const uses = anthropic[1].content;
    const results = anthropic[2].content;
    for (const r of results) {
      const use = uses.find((u) => u.id === r.tool_use_id);
      expect(use).toBeDefined();
    }
    expect(
      results.map((r) => [uses.find((u) => u.id === r.tool_use_id)?.input, r.content]),
    ).toEqual([
      [{ tz: 'CET' }, '10:00'],
      [{ city: 'Paris' }, 'paris 21C'],
      [{ city: 'Rome' }, 'rome 25C'],
    ]);
  });

  it('pairs swapped responses to two calls of one function by the ids Gemini gave', () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [
            fc('get_weather', { city: 'Paris' }, 'fc_a'),
            fc('get_weather', { city: 'Rome' }, 'fc_b'),
          ],
        },
        {
          role: 'user',
          parts: [fr('get_weather', 'rome 25C', 'fc_b'), fr('get_weather', 'paris 21C', 'fc_a')],
        },
      ],
    };
    expect(toOpenAI(body).sort()).toEqual(
      [
        ['get_weather', '{"city":"Paris"}', 'paris 21C'],
        ['get_weather', '{"city":"Rome"}', 'rome 25C'],
      ].sort(),
    );
  });

  it('treats calls and responses split over several Contents as one turn', () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [fc('get_weather', { city: 'Paris' })] },
        { role: 'model', parts: [fc('get_weather', { city: 'Rome' })] },
        { role: 'user', parts: [fr('get_weather', 'paris 21C')] },
        { role: 'user', parts: [fr('get_weather', 'rome 25C')] },
      ],
    };
    expect(toOpenAI(body).sort()).toEqual(
      [
        ['get_weather', '{"city":"Paris"}', 'paris 21C'],
        ['get_weather', '{"city":"Rome"}', 'rome 25C'],
      ].sort(),
    );
  });
});

describe('Gemini upstream: tool results a client sent in another order than the calls', () => {
  /** functionResponse parts of the last Gemini Content as [name, output]. */
  function geminiResponses(format: WireFormat, body: unknown) {
    const out = fromCanonicalRequest('gemini', toCanonicalRequest(format, body), ctx).body;
    const contents = out.contents as { role: string; parts: Record<string, any>[] }[];
    const model = contents[contents.length - 2];
    const last = contents[contents.length - 1];
    return {
      calls: model.parts.map((p) => [p.functionCall.name, p.functionCall.args, p.functionCall.id]),
      responses: last.parts.map((p) => [
        p.functionResponse.name,
        p.functionResponse.response.output,
        p.functionResponse.id,
      ]),
    };
  }

  // Ids the gateway minted for a Gemini upstream that gave none: never sent back, so order is all Gemini has.
  const ids = ['gcall_r1_0', 'gcall_r1_1', 'gcall_r1_2'];

  it('puts OpenAI tool messages back in call order (different and same function names)', () => {
    const call = (id: string, name: string, args: object) => ({
      id,
      type: 'function',
      function: { name, arguments: JSON.stringify(args) },
    });
    const { calls, responses } = geminiResponses('openai-chat', {
      model: 'm',
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            call(ids[0], 'get_weather', { city: 'Paris' }),
            call(ids[1], 'get_time', { tz: 'CET' }),
            call(ids[2], 'get_weather', { city: 'Rome' }),
          ],
        },
        { role: 'tool', tool_call_id: ids[2], content: 'rome 25C' },
        { role: 'tool', tool_call_id: ids[1], content: '10:00' },
        { role: 'tool', tool_call_id: ids[0], content: 'paris 21C' },
      ],
    });
    expect(calls).toEqual([
      ['get_weather', { city: 'Paris' }, undefined],
      ['get_time', { tz: 'CET' }, undefined],
      ['get_weather', { city: 'Rome' }, undefined],
    ]);
    expect(responses).toEqual([
      ['get_weather', 'paris 21C', undefined],
      ['get_time', '10:00', undefined],
      ['get_weather', 'rome 25C', undefined],
    ]);
  });

  it('puts Anthropic tool_result blocks back in call order, keeping provider ids paired', () => {
    const { calls, responses } = geminiResponses('anthropic-messages', {
      model: 'm',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: ids[0], name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'fc_gemini3', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'fc_gemini3', content: 'rome 25C' },
            { type: 'tool_result', tool_use_id: ids[0], content: 'paris 21C' },
          ],
        },
      ],
    });
    expect(calls).toEqual([
      ['get_weather', { city: 'Paris' }, undefined],
      ['get_weather', { city: 'Rome' }, 'fc_gemini3'],
    ]);
    expect(responses).toEqual([
      ['get_weather', 'paris 21C', undefined],
      ['get_weather', 'rome 25C', 'fc_gemini3'],
    ]);
  });
});
