import { openAiCompatible } from './define-provider';

// https://jina.ai/embeddings/ — OpenAI-shaped /v1/embeddings (base64 through `embedding_type`) and a
// Cohere-like /v1/rerank.
export const jinaAi = openAiCompatible({
  id: 'jina_ai',
  displayName: 'Jina AI',
  baseUrl: 'https://api.jina.ai/v1',
  embeddingParams: { encoding_format: 'embedding_type' },
  rerankFormat: 'jina',
  docsUrl: 'https://jina.ai/reranker/',
});
