import { defineProvider } from './define-provider';

export const sarvam = defineProvider({
  id: 'sarvam',
  displayName: 'Sarvam AI',
  family: 'other',
});
