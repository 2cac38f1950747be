import { defineProvider } from './define-provider';

export const cohere = defineProvider({
  id: 'cohere',
  displayName: 'Cohere',
  family: 'cohere',
  envPrefix: 'COHERE',
});
