import { openAiCompatible } from './define-provider';

// https://api-docs.deepseek.com/
export const deepseek = openAiCompatible({
  id: 'deepseek',
  displayName: 'DeepSeek',
  baseUrl: 'https://api.deepseek.com',
});
