import { openAiCompatible } from './define-provider';

// https://docs.baseten.co/development/model-apis/overview
export const baseten = openAiCompatible({
  id: 'baseten',
  displayName: 'Baseten Model APIs',
  baseUrl: 'https://inference.baseten.co/v1',
});
