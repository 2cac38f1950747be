import { openAiCompatible } from './define-provider';

// https://docs.mistral.ai/capabilities/code_generation/
export const codestral = openAiCompatible({
  id: 'codestral',
  displayName: 'Codestral (Mistral)',
  baseUrl: 'https://codestral.mistral.ai/v1',
});
