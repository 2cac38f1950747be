import { defineProvider } from './define-provider';

export const tavily = defineProvider({
  id: 'tavily',
  displayName: 'Tavily',
  family: 'other',
});
