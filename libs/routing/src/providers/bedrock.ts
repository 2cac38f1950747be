import { defineProvider } from './define-provider';

export const bedrock = defineProvider({
  id: 'bedrock',
  displayName: 'Amazon Bedrock',
  family: 'bedrock',
  envPrefix: 'AWS',
});
