import { defineProvider } from './define-provider';

export const firecrawl = defineProvider({
  id: 'firecrawl',
  displayName: 'Firecrawl',
  family: 'other',
});
