import { defineProvider } from './define-provider';

export const amazonNova = defineProvider({
  id: 'amazon_nova',
  displayName: 'Amazon Nova',
  family: 'other',
});
