import { defineProvider } from './define-provider';

export const reducto = defineProvider({
  id: 'reducto',
  displayName: 'Reducto',
  family: 'other',
});
