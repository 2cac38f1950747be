import { openAiCompatible } from './define-provider';

// https://docs.sambanova.ai/cloud/docs/capabilities/openai-compatibility
export const sambanova = openAiCompatible({
  id: 'sambanova',
  displayName: 'SambaNova Cloud',
  baseUrl: 'https://api.sambanova.ai/v1',
});
