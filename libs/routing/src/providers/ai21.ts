import { defineProvider } from './define-provider';

export const ai21 = defineProvider({
  id: 'ai21',
  displayName: 'AI21 Labs',
  family: 'other',
});
