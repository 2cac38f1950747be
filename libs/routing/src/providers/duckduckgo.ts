import { defineProvider } from './define-provider';

export const duckduckgo = defineProvider({
  id: 'duckduckgo',
  displayName: 'DuckDuckGo',
  family: 'other',
});
