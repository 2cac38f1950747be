import { defineProvider } from './define-provider';

export const llamagate = defineProvider({
  id: 'llamagate',
  displayName: 'LlamaGate',
  family: 'other',
});
