import { defineProvider } from './define-provider';

export const voyage = defineProvider({
  id: 'voyage',
  displayName: 'Voyage AI',
  family: 'other',
});
