import { defineProvider } from './define-provider';

export const recraft = defineProvider({
  id: 'recraft',
  displayName: 'Recraft',
  family: 'other',
});
