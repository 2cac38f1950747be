import { openAiCompatible } from './define-provider';

// https://endpoints.ai.cloud.ovh.net/
export const ovhcloud = openAiCompatible({
  id: 'ovhcloud',
  displayName: 'OVHcloud AI Endpoints',
  baseUrl: 'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1',
});
