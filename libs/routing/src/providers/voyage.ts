import { openAiCompatible } from './define-provider';

// https://docs.voyageai.com/reference/embeddings-api — OpenAI-shaped /v1/embeddings with
// `output_dimension` for `dimensions`; /v1/rerank takes `top_k` and answers in `data`.
export const voyage = openAiCompatible({
  id: 'voyage',
  displayName: 'Voyage AI',
  baseUrl: 'https://api.voyageai.com/v1',
  embeddingParams: { dimensions: 'output_dimension' },
  rerankFormat: 'voyage',
  docsUrl: 'https://docs.voyageai.com/reference/reranker-api',
});
