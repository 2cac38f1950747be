import { openAiCompatible } from './define-provider';

// https://docs.tokenfactory.nebius.com/
export const nebius = openAiCompatible({
  id: 'nebius',
  displayName: 'Nebius Token Factory',
  baseUrl: 'https://api.tokenfactory.nebius.com/v1',
});
