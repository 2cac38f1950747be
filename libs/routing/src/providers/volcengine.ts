import { openAiCompatible } from './define-provider';

// https://www.volcengine.com/docs/82379
export const volcengine = openAiCompatible({
  id: 'volcengine',
  displayName: 'Volcengine Ark',
  baseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
});
