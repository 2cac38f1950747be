import { defineProvider } from './define-provider';

export const meta = defineProvider({
  id: 'meta',
  displayName: 'Meta',
  family: 'other',
});
