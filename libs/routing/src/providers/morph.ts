import { defineProvider } from './define-provider';

export const morph = defineProvider({
  id: 'morph',
  displayName: 'Morph',
  family: 'other',
});
