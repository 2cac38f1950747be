import { defineProvider } from './define-provider';

export const linkup = defineProvider({
  id: 'linkup',
  displayName: 'Linkup',
  family: 'other',
});
