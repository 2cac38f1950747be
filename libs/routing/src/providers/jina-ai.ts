import { defineProvider } from './define-provider';

export const jinaAi = defineProvider({
  id: 'jina_ai',
  displayName: 'Jina AI',
  family: 'other',
});
