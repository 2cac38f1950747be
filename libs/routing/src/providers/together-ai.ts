import { openAiCompatible } from './define-provider';

// https://docs.together.ai/docs/openai-api-compatibility
export const togetherAi = openAiCompatible({
  id: 'together_ai',
  displayName: 'Together AI',
  baseUrl: 'https://api.together.xyz/v1',
  envPrefix: 'TOGETHER_AI',
});
