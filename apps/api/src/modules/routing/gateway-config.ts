import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DirectorySync } from '../../common/directory-sync';
import type { SecretBox } from '../../common/secret-box';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, SECRET_BOX } from '../../config/config.module';
import { GatewayEvents } from '../events/gateway-events';
import { ENV_CREDENTIALS, type EnvCredentials } from '../models/env-credentials';
import type { ProviderEntity } from '../providers/provider.entity';
import {
  DispatcherPool,
  toProviderRuntime,
  type ProviderRuntime,
} from '../providers/provider-runtime';
import { RoutingRepository } from './routing.repository';
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from './routing.types';

/** Called after a reload: with the gateway's id for one gateway, without for a full reload. */
type ReloadListener = (gatewayId?: string) => void;

/**
 * Each gateway's providers (decrypted, with their connection pools) and routing settings, in memory.
 * Loaded at boot, reloaded for one gateway when a management API (this process's, or another's
 * through `ConfigBroadcast`) announces a change, and fully every CREDENTIALS_REFRESH_MS to pick up
 * changes a broadcast missed.
 */
@Injectable()
export class GatewayConfig implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GatewayConfig.name);
  private providersByGateway = new Map<string, ProviderRuntime[]>();
  private providersById = new Map<string, ProviderRuntime>();
  private settingsByGateway = new Map<string, RoutingSettings>();
  private readonly dispatchers = new DispatcherPool();
  private readonly listeners: ReloadListener[] = [];
  private readonly sync = new DirectorySync('Routing config', this.logger);

  constructor(
    private readonly repo: RoutingRepository,
    events: GatewayEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Inject(ENV_CREDENTIALS) private readonly credentials: EnvCredentials,
  ) {
    events.onResync(() => this.reload());
    events.follow((change) =>
      change.kind === 'providers' || change.kind === 'routing-settings'
        ? this.reloadGateway(change.gatewayId)
        : undefined,
    );
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.sync.every(this.config.credentialsRefreshMs, () => this.reload());
  }

  async onApplicationShutdown(): Promise<void> {
    this.sync.stop();
    await this.dispatchers.closeAll();
  }

  /** Runs after every reload (provider health forgets removed providers, model lists are rebuilt). */
  onReload(listener: ReloadListener): void {
    this.listeners.push(listener);
  }

  /** The gateway's own providers (empty when it routes through the environment's). */
  providersOf(gatewayId: string): readonly ProviderRuntime[] {
    return this.providersByGateway.get(gatewayId) ?? [];
  }

  provider(id: string): ProviderRuntime | undefined {
    return this.providersById.get(id);
  }

  /** Ids of every gateway provider currently configured. */
  providerIds(): ReadonlySet<string> {
    return new Set(this.providersById.keys());
  }

  /** Other names of a provider type in this gateway: its configs' ids and names (for key restrictions). */
  providerAliases(gatewayId: string, providerType: string): string[] {
    return this.providersOf(gatewayId)
      .filter((p) => p.spec.id === providerType)
      .flatMap((p) => [p.id, p.name]);
  }

  settingsFor(gatewayId: string): RoutingSettings {
    return this.settingsByGateway.get(gatewayId) ?? DEFAULT_ROUTING_SETTINGS;
  }

  /** Full reload of providers and settings of every gateway. */
  async reload(): Promise<void> {
    const applied = await this.sync.replaceAll(
      () => Promise.all([this.repo.providersOf(), this.repo.settingsOf()]),
      ([providers, settings]) => {
        const byGateway = new Map<string, ProviderRuntime[]>();
        for (const p of providers) {
          const runtime = this.runtime(p);
          if (!runtime) continue;
          byGateway.set(p.gatewayId, [...(byGateway.get(p.gatewayId) ?? []), runtime]);
        }
        this.providersByGateway = byGateway;
        this.settingsByGateway = new Map(
          settings.map((s) => [s.gatewayId, withDefaults(s.settings)]),
        );
        this.indexProviders();
      },
    );
    if (applied) for (const listener of this.listeners) listener();
  }

  /** Reloads one gateway after a change through a management API (this process's or another's). */
  async reloadGateway(gatewayId: string): Promise<void> {
    const [providers, settings] = await Promise.all([
      this.repo.providersOf(gatewayId),
      this.repo.settingsOf(gatewayId),
    ]);
    const runtimes = providers.flatMap((p) => this.runtime(p) ?? []);
    if (runtimes.length > 0) this.providersByGateway.set(gatewayId, runtimes);
    else this.providersByGateway.delete(gatewayId);
    if (settings[0]) this.settingsByGateway.set(gatewayId, withDefaults(settings[0].settings));
    else this.settingsByGateway.delete(gatewayId);
    this.indexProviders();
    this.sync.changed();
    for (const listener of this.listeners) listener(gatewayId);
  }

  private indexProviders(): void {
    this.providersById = new Map(
      [...this.providersByGateway.values()].flat().map((p) => [p.id, p]),
    );
    this.dispatchers.retain(new Set(this.providersById.keys()));
  }

  private runtime(p: ProviderEntity): ProviderRuntime | undefined {
    try {
      return toProviderRuntime(
        p,
        this.secretBox,
        this.dispatchers,
        this.config.upstream.timeoutMs,
        this.credentials.authHeaders,
      );
    } catch (err) {
      // A row that cannot be decrypted (wrong MASTER_KEY) must not take the other providers down.
      this.logger.error(`Provider ${p.id} is unusable: ${(err as Error).message}`);
      return undefined;
    }
  }
}

function withDefaults(s: Partial<RoutingSettings>): RoutingSettings {
  const d = DEFAULT_ROUTING_SETTINGS;
  return {
    ...d,
    ...s,
    retry: { ...d.retry, ...s.retry },
    breaker: { ...d.breaker, ...s.breaker },
  };
}
