import { defineProvider } from './define-provider';

// Every Azure OpenAI resource has its own host (https://<resource>.openai.azure.com), so there is
// no default: it comes from AZURE_API_BASE / AZURE_BASE_URL. Key in the `api-key` header (API_FAMILIES.azure).
export const azure = defineProvider({
  id: 'azure',
  displayName: 'Azure OpenAI',
  family: 'azure',
  envPrefix: 'AZURE',
  docsUrl: 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference',
});
