import { defineProvider } from './define-provider';

export const apiserpent = defineProvider({
  id: 'apiserpent',
  displayName: 'API Serpent',
  family: 'other',
});
