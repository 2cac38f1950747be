import { defineProvider } from './define-provider';

export const darkbloom = defineProvider({
  id: 'darkbloom',
  displayName: 'Darkbloom',
  family: 'other',
});
