import { openAiCompatible } from './define-provider';

// https://docs.api.nvidia.com/nim/reference/llm-apis
export const nvidiaNim = openAiCompatible({
  id: 'nvidia_nim',
  displayName: 'NVIDIA NIM',
  baseUrl: 'https://integrate.api.nvidia.com/v1',
  envPrefix: 'NVIDIA_NIM',
});
