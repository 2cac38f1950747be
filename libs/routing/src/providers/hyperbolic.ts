import { openAiCompatible } from './define-provider';

// https://docs.hyperbolic.xyz/docs/rest-api
export const hyperbolic = openAiCompatible({
  id: 'hyperbolic',
  displayName: 'Hyperbolic',
  baseUrl: 'https://api.hyperbolic.xyz/v1',
});
