import { openAiCompatible } from './define-provider';

// https://docs.mistral.ai/api/
export const mistral = openAiCompatible({
  id: 'mistral',
  displayName: 'Mistral AI',
  baseUrl: 'https://api.mistral.ai/v1',
});
