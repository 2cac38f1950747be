// Rerank in Cohere's v2 shape (what clients send the gateway), to and from the shapes of the providers
// that serve it. Data first: the field names of each shape, then two small functions.
// Cohere https://docs.cohere.com/reference/rerank · Jina https://jina.ai/reranker/ ·
// Voyage https://docs.voyageai.com/reference/reranker-api
import { InvalidRequestError, UpstreamAnswerError } from '../canonical/errors';
import { asRecord, num, str, type Json } from '../shared/json';

export type RerankShape = 'cohere' | 'jina' | 'voyage';

const SHAPES = {
  cohere: { topN: 'top_n', results: 'results' },
  jina: { topN: 'top_n', results: 'results' },
  voyage: { topN: 'top_k', results: 'data' },
} as const satisfies Record<RerankShape, { topN: string; results: string }>;

export interface CanonicalRerankRequest {
  model: string;
  query: string;
  documents: string[];
  topN?: number;
  returnDocuments: boolean;
  /** Cohere's `max_tokens_per_doc` (no counterpart elsewhere). */
  maxTokensPerDoc?: number;
}

export interface CanonicalRerankResponse {
  results: { index: number; relevanceScore: number }[];
  /** Tokens the upstream billed (Jina, Voyage). */
  totalTokens?: number;
  /** Searches the upstream billed (Cohere's search units). */
  searchUnits?: number;
}

/** A document as Cohere v1/v2 clients send it: a string, or `{ text }`. */
function documentText(d: unknown, i: number): string {
  if (typeof d === 'string') return d;
  const text = str(asRecord(d).text);
  if (text === undefined)
    throw new InvalidRequestError(`documents[${i}] must be a string or { text }`, 'documents');
  return text;
}

/** A client's Cohere-shaped rerank body -> canonical. Throws InvalidRequestError (400) on bad input. */
export function rerankToCanonical(body: Json): CanonicalRerankRequest {
  const query = body.query;
  if (typeof query !== 'string' || query === '')
    throw new InvalidRequestError("'query' must be a non-empty string", 'query');
  if (!Array.isArray(body.documents) || body.documents.length === 0)
    throw new InvalidRequestError("'documents' must be a non-empty array", 'documents');
  const topN = body.top_n;
  if (topN !== undefined && (!Number.isInteger(topN) || (topN as number) < 1))
    throw new InvalidRequestError("'top_n' must be a positive integer", 'top_n');
  return {
    model: str(body.model) ?? '',
    query,
    documents: body.documents.map(documentText),
    topN: topN as number | undefined,
    returnDocuments: body.return_documents === true,
    maxTokensPerDoc: num(body.max_tokens_per_doc),
  };
}

/** Canonical -> the upstream's body, and the client fields it cannot take. */
export function rerankFromCanonical(
  shape: RerankShape,
  req: CanonicalRerankRequest,
): { body: Json; droppedParams: string[] } {
  const body: Json = { model: req.model, query: req.query, documents: req.documents };
  if (req.topN !== undefined) body[SHAPES[shape].topN] = req.topN;
  const droppedParams: string[] = [];
  if (req.maxTokensPerDoc !== undefined) {
    if (shape === 'cohere') body.max_tokens_per_doc = req.maxTokensPerDoc;
    else droppedParams.push('max_tokens_per_doc');
  }
  return { body, droppedParams };
}

/** An upstream's rerank answer -> canonical. */
export function rerankResponseToCanonical(
  shape: RerankShape,
  body: unknown,
): CanonicalRerankResponse {
  const b = asRecord(body);
  const list = b[SHAPES[shape].results];
  if (!Array.isArray(list))
    throw new UpstreamAnswerError(`the ${shape} rerank answer has no ${SHAPES[shape].results}`);
  const results = list.map((r) => {
    const item = asRecord(r);
    const index = num(item.index);
    const relevanceScore = num(item.relevance_score);
    if (index === undefined || relevanceScore === undefined)
      throw new UpstreamAnswerError('a rerank result has no index or relevance_score');
    return { index, relevanceScore };
  });
  const billed = asRecord(asRecord(b.meta).billed_units);
  return {
    results,
    totalTokens: num(asRecord(b.usage).total_tokens),
    searchUnits: num(billed.search_units),
  };
}

/** Canonical -> Cohere's v2 answer, documents included when the client asked (v1's return_documents). */
export function rerankResponseFromCanonical(
  res: CanonicalRerankResponse,
  req: CanonicalRerankRequest,
  id: string,
): Json {
  const billed: Json = {};
  if (res.searchUnits !== undefined) billed.search_units = res.searchUnits;
  if (res.totalTokens !== undefined) billed.input_tokens = res.totalTokens;
  return {
    id,
    results: res.results.map((r) => {
      const out: Json = { index: r.index, relevance_score: r.relevanceScore };
      if (req.returnDocuments && req.documents[r.index] !== undefined)
        out.document = { text: req.documents[r.index] };
      return out;
    }),
    meta: { api_version: { version: '2' }, billed_units: billed },
  };
}
