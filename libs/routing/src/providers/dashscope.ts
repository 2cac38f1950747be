import { openAiCompatible } from './define-provider';

// https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope
export const dashscope = openAiCompatible({
  id: 'dashscope',
  displayName: 'Alibaba Cloud Model Studio (DashScope)',
  baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
});
