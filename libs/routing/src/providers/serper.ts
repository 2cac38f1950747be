import { defineProvider } from './define-provider';

export const serper = defineProvider({
  id: 'serper',
  displayName: 'Serper',
  family: 'other',
});
