import { openAiCompatible } from './define-provider';

// https://deepinfra.com/docs/openai_api
export const deepinfra = openAiCompatible({
  id: 'deepinfra',
  displayName: 'DeepInfra',
  baseUrl: 'https://api.deepinfra.com/v1/openai',
});
