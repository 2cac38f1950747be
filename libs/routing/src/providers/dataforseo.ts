import { defineProvider } from './define-provider';

export const dataforseo = defineProvider({
  id: 'dataforseo',
  displayName: 'DataForSEO',
  family: 'other',
});
