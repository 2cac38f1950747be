import { openAiCompatible } from './define-provider';

// https://platform.openai.com/docs/api-reference
export const openai = openAiCompatible({
  id: 'openai',
  displayName: 'OpenAI',
  baseUrl: 'https://api.openai.com/v1',
  envPrefix: 'OPENAI',
});
