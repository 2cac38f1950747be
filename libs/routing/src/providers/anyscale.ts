import { defineProvider } from './define-provider';

export const anyscale = defineProvider({
  id: 'anyscale',
  displayName: 'Anyscale Endpoints',
  family: 'other',
});
