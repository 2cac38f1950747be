import { openAiCompatible } from './define-provider';

// https://docs.z.ai/api-reference/llm/chat-completion
export const zai = openAiCompatible({
  id: 'zai',
  displayName: 'Z.AI',
  baseUrl: 'https://api.z.ai/api/paas/v4',
});
