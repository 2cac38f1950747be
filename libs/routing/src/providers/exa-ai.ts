import { defineProvider } from './define-provider';

export const exaAi = defineProvider({
  id: 'exa_ai',
  displayName: 'Exa',
  family: 'other',
});
