import { defineProvider } from './define-provider';

export const lemonade = defineProvider({
  id: 'lemonade',
  displayName: 'Lemonade Server',
  family: 'other',
});
