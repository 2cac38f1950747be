import { defineProvider } from './define-provider';

export const falAi = defineProvider({
  id: 'fal_ai',
  displayName: 'fal.ai',
  family: 'other',
});
