import type { UpstreamAdapter } from './upstream-adapter';

// https://learn.microsoft.com/azure/ai-services/openai/reference — the deployment is named in the URL.
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/** Azure OpenAI: `<resource>/openai/deployments/{deployment}/chat/completions?api-version=…`, `api-key` header. */
export function azureAdapter(apiVersion: string): UpstreamAdapter {
  return {
    format: 'openai-chat',
    url: (target, deployment) =>
      new URL(
        `${target.baseUrl}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${encodeURIComponent(apiVersion)}`,
      ),
    headers: () => ({}),
  };
}
