import { defineProvider } from './define-provider';

// https://docs.anthropic.com/en/api/overview — SDK base URL without `/v1`; auth and paths: API_FAMILIES.
export const anthropic = defineProvider({
  id: 'anthropic',
  displayName: 'Anthropic',
  family: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  docsUrl: 'https://docs.anthropic.com/en/api/messages',
});
