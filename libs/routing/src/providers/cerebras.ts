import { openAiCompatible } from './define-provider';

// https://inference-docs.cerebras.ai/resources/openai
export const cerebras = openAiCompatible({
  id: 'cerebras',
  displayName: 'Cerebras',
  baseUrl: 'https://api.cerebras.ai/v1',
});
