import {
  DEFAULT_CONCURRENCY,
  getProvider,
  type ConcurrencySettings,
  type ProviderSpec,
} from '@gateway/routing';
import type { Dispatcher } from 'undici';
import type { SecretBox } from '../../common/secret-box';
import type { EnvCredentials } from '../models/env-credentials';
import { createProxyDispatcher } from './provider-dispatcher';
import type { ProviderEntity } from './provider.entity';

/** A gateway's own provider as the router holds it: decrypted, resolved, ready to dispatch. */
export interface ProviderRuntime {
  id: string;
  gatewayId: string;
  spec: ProviderSpec;
  name: string;
  baseUrl: string | undefined;
  authHeaders: Record<string, string>;
  models: string[];
  modelMapping: Record<string, string>;
  priority: number;
  weight: number;
  enabled: boolean;
  timeoutMs: number | null;
  maxRetries: number;
  dispatcher?: Dispatcher;
  concurrency: ConcurrencySettings;
}

/**
 * Proxy dispatchers are connection pools: one per (provider, proxy URL, timeout), reused across
 * reloads and closed when the provider stops using it.
 */
export class DispatcherPool {
  private readonly byProvider = new Map<string, { signature: string; dispatcher: Dispatcher }>();

  get(providerId: string, proxyUrl: string, timeoutMs: number): Dispatcher {
    const signature = `${proxyUrl}\u0000${timeoutMs}`;
    const hit = this.byProvider.get(providerId);
    if (hit?.signature === signature) return hit.dispatcher;
    if (hit) void hit.dispatcher.close().catch(() => undefined);
    const dispatcher = createProxyDispatcher(proxyUrl, timeoutMs);
    this.byProvider.set(providerId, { signature, dispatcher });
    return dispatcher;
  }

  /** Closes dispatchers of providers not in `keep`. */
  retain(keep: ReadonlySet<string>): void {
    for (const [id, { dispatcher }] of this.byProvider) {
      if (!keep.has(id)) {
        void dispatcher.close().catch(() => undefined);
        this.byProvider.delete(id);
      }
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.byProvider.values()].map((d) => d.dispatcher.close()));
    this.byProvider.clear();
  }
}

export function toProviderRuntime(
  p: ProviderEntity,
  secretBox: SecretBox,
  dispatchers: DispatcherPool,
  defaultTimeoutMs: number,
  authHeaders: EnvCredentials['authHeaders'],
): ProviderRuntime | undefined {
  const spec = getProvider(p.providerType);
  if (!spec) return undefined;
  const apiKey = p.apiKeyCiphertext ? secretBox.decrypt(p.apiKeyCiphertext) : undefined;
  const proxyUrl = p.proxyUrlCiphertext ? secretBox.decrypt(p.proxyUrlCiphertext) : undefined;
  const timeoutMs = p.timeoutMs ?? defaultTimeoutMs;
  return {
    id: p.id,
    gatewayId: p.gatewayId,
    spec,
    name: p.name,
    baseUrl: (p.baseUrl ?? spec.baseUrl)?.replace(/\/+$/, ''),
    authHeaders: authHeaders(spec, apiKey),
    models: p.models,
    // Looked up by the model a client sends: no prototype, so `constructor` is just a missing name.
    modelMapping: Object.assign(Object.create(null) as Record<string, string>, p.modelMapping),
    priority: p.priority,
    weight: p.weight,
    enabled: p.enabled,
    timeoutMs: p.timeoutMs,
    maxRetries: p.maxRetries,
    dispatcher: proxyUrl ? dispatchers.get(p.id, proxyUrl, timeoutMs) : undefined,
    concurrency: { ...DEFAULT_CONCURRENCY, ...p.concurrency },
  };
}
