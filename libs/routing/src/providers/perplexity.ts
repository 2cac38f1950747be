import { openAiCompatible } from './define-provider';

// https://docs.perplexity.ai/api-reference/chat-completions-post
export const perplexity = openAiCompatible({
  id: 'perplexity',
  displayName: 'Perplexity',
  baseUrl: 'https://api.perplexity.ai',
});
