import { openAiCompatible } from './define-provider';

// https://docs.nscale.com/docs/inference/serverless-models
export const nscale = openAiCompatible({
  id: 'nscale',
  displayName: 'Nscale',
  baseUrl: 'https://inference.api.nscale.com/v1',
});
