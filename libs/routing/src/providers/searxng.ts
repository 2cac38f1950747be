import { defineProvider } from './define-provider';

export const searxng = defineProvider({
  id: 'searxng',
  displayName: 'SearXNG',
  family: 'other',
});
