import { openAiCompatible } from './define-provider';

// https://www.scaleway.com/en/docs/generative-apis/
export const scaleway = openAiCompatible({
  id: 'scaleway',
  displayName: 'Scaleway Generative APIs',
  baseUrl: 'https://api.scaleway.ai/v1',
});
