import { openAiCompatible } from './define-provider';

// https://vercel.com/docs/ai-gateway/openai-compat
export const vercelAiGateway = openAiCompatible({
  id: 'vercel_ai_gateway',
  displayName: 'Vercel AI Gateway',
  baseUrl: 'https://ai-gateway.vercel.sh/v1',
  envPrefix: 'VERCEL_AI_GATEWAY',
});
