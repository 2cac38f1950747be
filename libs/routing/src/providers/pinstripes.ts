import { defineProvider } from './define-provider';

export const pinstripes = defineProvider({
  id: 'pinstripes',
  displayName: 'Pinstripes',
  family: 'other',
});
