import { openAiCompatible } from './define-provider';

// Groq answers 400 to these fields: https://console.groq.com/docs/openai
export const groq = openAiCompatible({
  id: 'groq',
  displayName: 'Groq',
  baseUrl: 'https://api.groq.com/openai/v1',
  dropParams: ['logprobs', 'top_logprobs', 'logit_bias'],
});
