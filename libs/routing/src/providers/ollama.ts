import { openAiCompatible } from './define-provider';

// https://ollama.com/blog/openai-compatibility
export const ollama = openAiCompatible({
  id: 'ollama',
  displayName: 'Ollama',
  baseUrl: 'http://localhost:11434/v1',
  auth: 'none',
});
