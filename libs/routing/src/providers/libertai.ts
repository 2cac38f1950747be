import { defineProvider } from './define-provider';

export const libertai = defineProvider({
  id: 'libertai',
  displayName: 'LibertAI',
  family: 'other',
});
