import { openAiCompatible } from './define-provider';

// https://friendli.ai/docs/guides/serverless_endpoints/openai-compatibility
export const friendliai = openAiCompatible({
  id: 'friendliai',
  displayName: 'FriendliAI',
  baseUrl: 'https://api.friendli.ai/serverless/v1',
  envPrefix: 'FRIENDLI',
});
