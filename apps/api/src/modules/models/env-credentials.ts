import type { ProviderSpec } from '@gateway/routing';

/**
 * The operator's provider credentials from the environment (`<PREFIX>_API_KEY`, `<PREFIX>_BASE_URL`)
 * and how a provider family authenticates. A port: the catalog, routing and providers modules
 * depend on this interface; the proxy's upstream layer binds it (see `proxy/env-credentials.module`),
 * so nothing imports the proxy back.
 */
export interface EnvCredentials {
  /** Set up by the operator: a key, or for keyless local servers (Ollama) an explicit base URL. */
  isConfigured(provider: ProviderSpec): boolean;
  /** Base URL (no trailing slash) and auth headers; throws ProviderNotConfigured naming the variable. */
  resolve(provider: ProviderSpec): { baseUrl: string; authHeaders: Record<string, string> };
  /** The headers that carry `apiKey` for this provider family. */
  authHeaders(provider: ProviderSpec, apiKey: string | undefined): Record<string, string>;
}

export const ENV_CREDENTIALS = Symbol('ENV_CREDENTIALS');
