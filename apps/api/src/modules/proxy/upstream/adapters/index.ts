import type { WireFormat } from '@gateway/converters';
import type { ProviderSpec } from '@gateway/routing';
import { anthropicAdapter } from './anthropic.adapter';
import { azureAdapter } from './azure.adapter';
import { geminiAdapter } from './gemini.adapter';
import { openAiChatAdapter, openAiResponsesAdapter } from './openai-chat.adapter';
import type { UpstreamAdapter } from './upstream-adapter';

export type { UpstreamAdapter } from './upstream-adapter';
export { AZURE_DEFAULT_API_VERSION } from './azure.adapter';

/**
 * Picks the adapter for a provider's API family. A Responses client talking to OpenAI itself keeps the
 * Responses API (nothing to convert); every other OpenAI-compatible provider is reached through Chat Completions.
 */
export function createAdapterSelector(azureApiVersion: string) {
  const azure = azureAdapter(azureApiVersion);
  return (provider: ProviderSpec, client: WireFormat): UpstreamAdapter | undefined => {
    switch (provider.family) {
      case 'openai':
        return client === 'openai-responses' && provider.id === 'openai'
          ? openAiResponsesAdapter
          : openAiChatAdapter;
      case 'anthropic':
        return anthropicAdapter;
      case 'gemini':
        return geminiAdapter;
      case 'azure':
        return azure;
      case 'bedrock':
      case 'vertex':
      case 'cohere':
      case 'other':
        return undefined;
    }
  };
}
