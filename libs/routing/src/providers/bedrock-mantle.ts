import { defineProvider } from './define-provider';

export const bedrockMantle = defineProvider({
  id: 'bedrock_mantle',
  displayName: 'Amazon Bedrock (OpenAI-compatible Mantle)',
  family: 'bedrock',
  envPrefix: 'AWS',
});
