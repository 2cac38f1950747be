import { defineProvider } from './define-provider';

// https://docs.cohere.com/reference/about — COHERE_BASE_URL is the host root, as in Cohere's SDK;
// paths are in API_FAMILIES.cohere (chat and embeddings through its OpenAI-compatible API).
export const cohere = defineProvider({
  id: 'cohere',
  displayName: 'Cohere',
  family: 'cohere',
  baseUrl: 'https://api.cohere.com',
  envPrefix: 'COHERE',
  docsUrl: 'https://docs.cohere.com/reference/rerank',
});
