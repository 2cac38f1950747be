import { openAiCompatible } from './define-provider';

// https://docs.x.ai/docs/api-reference
export const xai = openAiCompatible({
  id: 'xai',
  displayName: 'xAI',
  baseUrl: 'https://api.x.ai/v1',
});
