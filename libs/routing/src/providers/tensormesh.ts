import { defineProvider } from './define-provider';

export const tensormesh = defineProvider({
  id: 'tensormesh',
  displayName: 'Tensormesh',
  family: 'other',
});
