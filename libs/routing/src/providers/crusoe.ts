import { defineProvider } from './define-provider';

export const crusoe = defineProvider({
  id: 'crusoe',
  displayName: 'Crusoe',
  family: 'other',
});
