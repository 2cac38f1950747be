import { defineProvider } from './define-provider';

export const v0 = defineProvider({
  id: 'v0',
  displayName: 'v0 by Vercel',
  family: 'other',
});
