import { Inject, Injectable } from '@nestjs/common';
import type { ProviderSpec } from '@gateway/routing';
import { DomainError, ErrorCode } from '../../../common/domain-errors';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';

export interface UpstreamTarget {
  provider: ProviderSpec;
  /** Base URL in the provider SDK's own meaning (OpenAI-style ones include /v1), no trailing slash. */
  baseUrl: string;
  authHeaders: Record<string, string>;
}

export function authHeaders(
  provider: ProviderSpec,
  apiKey: string | undefined,
): Record<string, string> {
  if (!apiKey) return {};
  switch (provider.auth) {
    case 'bearer':
      return { authorization: `Bearer ${apiKey}` };
    case 'x-api-key':
      return { 'x-api-key': apiKey };
    case 'x-goog-api-key':
      return { 'x-goog-api-key': apiKey };
    case 'api-key':
      return { 'api-key': apiKey };
    case 'none':
      return {};
  }
}

/**
 * Provider credentials from the environment (`<PREFIX>_API_KEY`, `<PREFIX>_BASE_URL`), resolved once per
 * provider and cached: the proxy path only reads a Map.
 */
@Injectable()
export class UpstreamTargets {
  private readonly cache = new Map<string, UpstreamTarget>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Set up by the operator: a key, or for keyless local servers (Ollama) an explicit base URL. */
  isConfigured(provider: ProviderSpec): boolean {
    const creds = this.config.providers[provider.id];
    if (provider.auth === 'none') return Boolean(creds?.baseUrl);
    return Boolean(creds?.apiKey) && Boolean(creds?.baseUrl ?? provider.baseUrl);
  }

  resolve(provider: ProviderSpec): UpstreamTarget {
    const hit = this.cache.get(provider.id);
    if (hit) return hit;
    const creds = this.config.providers[provider.id];
    if (provider.auth !== 'none' && !creds?.apiKey) {
      throw new DomainError(
        ErrorCode.ProviderNotConfigured,
        `No credentials for provider ${provider.id}: set ${provider.envPrefix}_API_KEY`,
      );
    }
    const baseUrl = (creds?.baseUrl ?? provider.baseUrl)?.replace(/\/+$/, '');
    if (!baseUrl) {
      throw new DomainError(
        ErrorCode.ProviderNotConfigured,
        `No base URL for provider ${provider.id}: set ${provider.envPrefix}_BASE_URL`,
      );
    }
    const target = { provider, baseUrl, authHeaders: authHeaders(provider, creds?.apiKey) };
    this.cache.set(provider.id, target);
    return target;
  }
}
