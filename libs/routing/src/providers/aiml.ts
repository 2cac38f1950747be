import { defineProvider } from './define-provider';

export const aiml = defineProvider({
  id: 'aiml',
  displayName: 'AI/ML API',
  family: 'other',
});
