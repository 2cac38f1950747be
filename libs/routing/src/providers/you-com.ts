import { defineProvider } from './define-provider';

export const youCom = defineProvider({
  id: 'you_com',
  displayName: 'You.com',
  family: 'other',
});
