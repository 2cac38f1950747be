import { openAiCompatible } from './define-provider';

// https://openrouter.ai/docs/api-reference/overview
export const openrouter = openAiCompatible({
  id: 'openrouter',
  displayName: 'OpenRouter',
  baseUrl: 'https://openrouter.ai/api/v1',
});
