import { defineProvider } from './define-provider';

export const stability = defineProvider({
  id: 'stability',
  displayName: 'Stability AI',
  family: 'other',
});
