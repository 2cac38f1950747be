import { defineProvider } from './define-provider';

export const inception = defineProvider({
  id: 'inception',
  displayName: 'Inception Labs',
  family: 'other',
});
