import { openAiCompatible } from './define-provider';

// https://novita.ai/docs/guides/llm-api
export const novita = openAiCompatible({
  id: 'novita',
  displayName: 'Novita AI',
  baseUrl: 'https://api.novita.ai/openai/v1',
});
