import { openAiCompatible } from './define-provider';

// https://docs.lambda.ai/public-cloud/lambda-inference-api/
export const lambdaAi = openAiCompatible({
  id: 'lambda_ai',
  displayName: 'Lambda Inference',
  baseUrl: 'https://api.lambda.ai/v1',
  envPrefix: 'LAMBDA',
});
