import { defineProvider } from './define-provider';

export const replicate = defineProvider({
  id: 'replicate',
  displayName: 'Replicate',
  family: 'other',
});
