import { openAiCompatible } from './define-provider';

// https://llama.developer.meta.com/docs/features/compatibility/
export const metaLlama = openAiCompatible({
  id: 'meta_llama',
  displayName: 'Meta Llama API',
  baseUrl: 'https://api.llama.com/compat/v1',
  envPrefix: 'LLAMA',
});
