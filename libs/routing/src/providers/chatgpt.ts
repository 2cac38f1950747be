import { defineProvider } from './define-provider';

export const chatgpt = defineProvider({
  id: 'chatgpt',
  displayName: 'ChatGPT subscription',
  family: 'other',
});
