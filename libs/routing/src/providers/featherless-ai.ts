import { openAiCompatible } from './define-provider';

// https://featherless.ai/docs/api-overview-and-common-options
export const featherlessAi = openAiCompatible({
  id: 'featherless_ai',
  displayName: 'Featherless AI',
  baseUrl: 'https://api.featherless.ai/v1',
  envPrefix: 'FEATHERLESS_AI',
});
