import { openAiCompatible } from './define-provider';

// https://platform.minimax.io/docs/api-reference/text-openai-api
export const minimax = openAiCompatible({
  id: 'minimax',
  displayName: 'MiniMax',
  baseUrl: 'https://api.minimax.io/v1',
});
