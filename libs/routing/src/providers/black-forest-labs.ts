import { defineProvider } from './define-provider';

export const blackForestLabs = defineProvider({
  id: 'black_forest_labs',
  displayName: 'Black Forest Labs',
  family: 'other',
});
