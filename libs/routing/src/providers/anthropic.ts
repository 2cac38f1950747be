import { defineProvider } from './define-provider';

// https://docs.anthropic.com/en/api/overview — key in `x-api-key`, SDK base URL without `/v1`.
export const anthropic = defineProvider({
  id: 'anthropic',
  displayName: 'Anthropic',
  family: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  auth: 'x-api-key',
  docsUrl: 'https://docs.anthropic.com/en/api/messages',
});
