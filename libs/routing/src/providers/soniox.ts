import { defineProvider } from './define-provider';

export const soniox = defineProvider({
  id: 'soniox',
  displayName: 'Soniox',
  family: 'other',
});
