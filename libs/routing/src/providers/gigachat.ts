import { defineProvider } from './define-provider';

export const gigachat = defineProvider({
  id: 'gigachat',
  displayName: 'GigaChat',
  family: 'other',
});
