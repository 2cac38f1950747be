import { defineProvider } from './define-provider';

export const parallelAi = defineProvider({
  id: 'parallel_ai',
  displayName: 'Parallel',
  family: 'other',
});
