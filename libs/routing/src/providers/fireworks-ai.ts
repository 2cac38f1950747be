import { openAiCompatible } from './define-provider';

// https://docs.fireworks.ai/tools-sdks/openai-compatibility
export const fireworksAi = openAiCompatible({
  id: 'fireworks_ai',
  displayName: 'Fireworks AI',
  baseUrl: 'https://api.fireworks.ai/inference/v1',
  envPrefix: 'FIREWORKS_AI',
});
