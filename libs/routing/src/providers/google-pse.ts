import { defineProvider } from './define-provider';

export const googlePse = defineProvider({
  id: 'google_pse',
  displayName: 'Google Programmable Search',
  family: 'other',
});
