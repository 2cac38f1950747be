import { openAiCompatible } from './define-provider';

// https://docs.digitalocean.com/products/gradient-ai-platform/how-to/use-serverless-inference/
export const gradientAi = openAiCompatible({
  id: 'gradient_ai',
  displayName: 'DigitalOcean Gradient AI',
  baseUrl: 'https://inference.do-ai.run/v1',
  envPrefix: 'GRADIENT_AI',
});
