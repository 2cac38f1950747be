import { defineProvider } from './define-provider';

export const deepgram = defineProvider({
  id: 'deepgram',
  displayName: 'Deepgram',
  family: 'other',
});
