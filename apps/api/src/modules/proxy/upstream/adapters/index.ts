import type { WireFormat } from '@gateway/converters';
import { API_FAMILIES, type FamilyEndpoint, type ProviderSpec } from '@gateway/routing';
import { familyAdapter, type UpstreamAdapter } from './upstream-adapter';

export { familyAdapter, firstHeader, type UpstreamAdapter } from './upstream-adapter';

// https://learn.microsoft.com/azure/ai-services/openai/reference — the deployment is named in the URL.
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/**
 * Picks the adapter for a provider's API family (its paths and headers are data in `API_FAMILIES`). A
 * Responses client talking to OpenAI itself keeps the Responses API (nothing to convert); every other
 * OpenAI-compatible provider is reached through Chat Completions. Families without a wire format have no
 * adapter (undefined).
 */
export function createAdapterSelector(azureApiVersion: string) {
  const responses = familyAdapter('openai', 'openai-responses', { endpoint: 'responses' });
  const byFamily = new Map<string, UpstreamAdapter>();
  for (const [family, spec] of Object.entries(API_FAMILIES) as [
    keyof typeof API_FAMILIES,
    (typeof API_FAMILIES)[keyof typeof API_FAMILIES],
  ][]) {
    if (spec.wireFormat)
      byFamily.set(family, familyAdapter(family, spec.wireFormat, { apiVersion: azureApiVersion }));
  }
  return (provider: ProviderSpec, client: WireFormat): UpstreamAdapter | undefined => {
    if (client === 'openai-responses' && provider.id === 'openai') return responses;
    return byFamily.get(provider.family);
  };
}

/**
 * Adapters of the non-chat endpoints (`FamilyEndpoint`s such as embeddings or transcriptions), built
 * once per family and endpoint; undefined when the family has no path for it.
 */
export function createEndpointAdapters(azureApiVersion: string) {
  const cache = new Map<string, UpstreamAdapter | null>();
  return (
    provider: ProviderSpec,
    endpoint: FamilyEndpoint,
    format: WireFormat,
  ): UpstreamAdapter | undefined => {
    const key = `${provider.family}\u0000${endpoint}\u0000${format}`;
    let adapter = cache.get(key);
    if (adapter === undefined) {
      adapter =
        API_FAMILIES[provider.family].paths[endpoint] === undefined
          ? null
          : familyAdapter(provider.family, format, { endpoint, apiVersion: azureApiVersion });
      cache.set(key, adapter);
    }
    return adapter ?? undefined;
  };
}

export type EndpointAdapters = ReturnType<typeof createEndpointAdapters>;
