import { defineProvider } from './define-provider';

export const palm = defineProvider({
  id: 'palm',
  displayName: 'Google PaLM (retired)',
  family: 'other',
});
