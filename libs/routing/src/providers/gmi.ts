import { openAiCompatible } from './define-provider';

// https://docs.gmicloud.ai/
export const gmi = openAiCompatible({
  id: 'gmi',
  displayName: 'GMI Cloud',
  baseUrl: 'https://api.gmi-serving.com/v1',
});
