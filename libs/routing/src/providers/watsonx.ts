import { defineProvider } from './define-provider';

export const watsonx = defineProvider({
  id: 'watsonx',
  displayName: 'IBM watsonx.ai',
  family: 'other',
});
