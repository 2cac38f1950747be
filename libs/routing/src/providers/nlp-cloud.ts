import { defineProvider } from './define-provider';

export const nlpCloud = defineProvider({
  id: 'nlp_cloud',
  displayName: 'NLP Cloud',
  family: 'other',
});
