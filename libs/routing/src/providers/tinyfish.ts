import { defineProvider } from './define-provider';

export const tinyfish = defineProvider({
  id: 'tinyfish',
  displayName: 'TinyFish',
  family: 'other',
});
