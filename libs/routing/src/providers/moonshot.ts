import { openAiCompatible } from './define-provider';

// https://platform.moonshot.ai/docs/api/chat
export const moonshot = openAiCompatible({
  id: 'moonshot',
  displayName: 'Moonshot AI (Kimi)',
  baseUrl: 'https://api.moonshot.ai/v1',
});
