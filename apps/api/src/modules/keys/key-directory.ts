import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DirectorySync } from '../../common/directory-sync';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { GatewayEvents } from '../events/gateway-events';
import { toCallerKey, type CallerKey } from './caller-key';
import { KeysRepository } from './keys.repository';

/**
 * Every gateway key in memory, by the SHA-256 of its secret: the proxy authenticates without a
 * database query. Loaded at boot, reloaded for one gateway when a management API (this process's,
 * or another's through `ConfigBroadcast`) changes its keys, and fully every CREDENTIALS_REFRESH_MS
 * to pick up changes a broadcast missed.
 */
@Injectable()
export class KeyDirectory implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KeyDirectory.name);
  private byHash = new Map<string, CallerKey>();
  private readonly sync = new DirectorySync('Key', this.logger);

  constructor(
    private readonly repo: KeysRepository,
    events: GatewayEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    events.onResync(() => this.reload());
    events.follow((change) =>
      change.kind === 'keys' ? this.reloadGateway(change.gatewayId) : undefined,
    );
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.sync.every(this.config.credentialsRefreshMs, () => this.reload());
  }

  onApplicationShutdown(): void {
    this.sync.stop();
  }

  /** A key by its secret's SHA-256; with `gatewayId`, only that gateway's. */
  authenticate(secretHash: string, gatewayId?: string): CallerKey | undefined {
    const key = this.byHash.get(secretHash);
    if (!key || (gatewayId !== undefined && key.gatewayId !== gatewayId)) return undefined;
    return key;
  }

  async reload(): Promise<void> {
    await this.sync.replaceAll(
      () => this.repo.all(),
      (keys) => {
        this.byHash = new Map(keys.map((k) => [k.keyHash, toCallerKey(k)]));
      },
    );
  }

  async reloadGateway(gatewayId: string): Promise<void> {
    const keys = await this.repo.listForGateway(gatewayId);
    for (const [hash, key] of this.byHash) {
      if (key.gatewayId === gatewayId) this.byHash.delete(hash);
    }
    for (const k of keys) this.byHash.set(k.keyHash, toCallerKey(k));
    this.sync.changed();
  }
}
