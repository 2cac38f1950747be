import { defineProvider } from './define-provider';

export const azureAi = defineProvider({
  id: 'azure_ai',
  displayName: 'Azure AI Foundry',
  family: 'other',
});
