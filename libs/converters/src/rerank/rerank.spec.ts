import {
  rerankFromCanonical,
  rerankResponseFromCanonical,
  rerankResponseToCanonical,
  rerankToCanonical,
} from './rerank';

const body = {
  model: 'rerank-2',
  query: 'capital of France',
  documents: ['Berlin', { text: 'Paris' }],
  top_n: 1,
  max_tokens_per_doc: 512,
  return_documents: true,
};

describe('rerank conversion', () => {
  it("writes Cohere's, Jina's and Voyage's request shapes", () => {
    const req = rerankToCanonical(body);
    const common = {
      model: 'rerank-2',
      query: 'capital of France',
      documents: ['Berlin', 'Paris'],
    };
    expect(rerankFromCanonical('cohere', req)).toEqual({
      body: { ...common, top_n: 1, max_tokens_per_doc: 512 },
      droppedParams: [],
    });
    expect(rerankFromCanonical('jina', req)).toEqual({
      body: { ...common, top_n: 1 },
      droppedParams: ['max_tokens_per_doc'],
    });
    expect(rerankFromCanonical('voyage', req).body).toEqual({ ...common, top_k: 1 });
  });

  it('reads each answer and writes the Cohere v2 answer', () => {
    const req = rerankToCanonical(body);
    const voyage = rerankResponseToCanonical('voyage', {
      object: 'list',
      data: [{ index: 1, relevance_score: 0.9 }],
      usage: { total_tokens: 12 },
    });
    expect(voyage).toEqual({
      results: [{ index: 1, relevanceScore: 0.9 }],
      totalTokens: 12,
      searchUnits: undefined,
    });
    expect(rerankResponseFromCanonical(voyage, req, 'r-1')).toEqual({
      id: 'r-1',
      results: [{ index: 1, relevance_score: 0.9, document: { text: 'Paris' } }],
      meta: { api_version: { version: '2' }, billed_units: { input_tokens: 12 } },
    });
    const cohere = rerankResponseToCanonical('cohere', {
      id: 'x',
      results: [{ index: 0, relevance_score: 0.1 }],
      meta: { billed_units: { search_units: 1 } },
    });
    expect(cohere.searchUnits).toBe(1);
    expect(
      rerankResponseToCanonical('jina', { results: [{ index: 0, relevance_score: 0.5 }] }).results,
    ).toEqual([{ index: 0, relevanceScore: 0.5 }]);
  });

  it('refuses a rerank without query or documents, and an answer without results', () => {
    expect(() => rerankToCanonical({ model: 'm', documents: ['a'] })).toThrow(/query/);
    expect(() => rerankToCanonical({ model: 'm', query: 'q', documents: [] })).toThrow(/documents/);
    expect(() => rerankToCanonical({ model: 'm', query: 'q', documents: [3] })).toThrow(
      /documents\[0\]/,
    );
    expect(() => rerankResponseToCanonical('voyage', { results: [] })).toThrow(/data/);
  });
});
