import { defineProvider } from './define-provider';

export const publicai = defineProvider({
  id: 'publicai',
  displayName: 'Public AI',
  family: 'other',
});
