import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DirectorySync } from '../../common/directory-sync';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { GatewayEvents } from '../events/gateway-events';
import { GatewaysRepository, type GatewayAuthRow } from './gateways.repository';

export interface GatewayIdentity {
  gatewayId: string;
  userId: string;
  /** Bodies are stored with analytics events only when the owner turned this on. */
  logBodies: boolean;
  /** Days a Responses API answer is kept (`responses_retention_days`); 0 keeps none. */
  responsesRetentionDays: number;
}

/**
 * The proxy's view of gateway secrets: SHA-256 hash → gateway, entirely in memory so a proxied request
 * never queries the database. Local changes apply at once (`put`, `update`, `removeGateway`); a change
 * another process announces (`ConfigBroadcast`) re-reads that gateway; a periodic full reload picks up
 * what a broadcast missed (CREDENTIALS_REFRESH_MS, default 5 s).
 */
@Injectable()
export class GatewayAuthIndex implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GatewayAuthIndex.name);
  private byHash = new Map<string, GatewayIdentity>();
  private byId = new Map<string, GatewayIdentity>();
  private readonly sync = new DirectorySync('Credential', this.logger);

  constructor(
    private readonly repo: GatewaysRepository,
    events: GatewayEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    events.onResync(() => this.reload());
    events.onRemote((change) =>
      change.kind === 'gateway-secret' || change.kind === 'gateway-settings'
        ? this.reloadGateway(change.gatewayId)
        : undefined,
    );
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.sync.every(this.config.credentialsRefreshMs, () => this.reload());
  }

  onApplicationShutdown(): void {
    this.sync.stop();
  }

  /** Every secret from Postgres; a snapshot read before a local change (a new gateway) is not applied. */
  async reload(): Promise<void> {
    await this.sync.replaceAll(
      () => this.repo.allAuthRows(),
      (rows) => {
        const entries = rows.map((r): [string, GatewayIdentity] => [r.secretHash, toIdentity(r)]);
        this.byHash = new Map(entries);
        this.byId = new Map(entries.map(([, id]) => [id.gatewayId, id]));
      },
    );
  }

  /** Re-reads one gateway's secret and settings (gone when it was deleted). */
  async reloadGateway(gatewayId: string): Promise<void> {
    const row = await this.repo.authRowOf(gatewayId);
    this.drop(gatewayId);
    if (row) {
      const identity = toIdentity(row);
      this.byHash.set(row.secretHash, identity);
      this.byId.set(gatewayId, identity);
    }
    this.sync.changed();
  }

  /** The gateway a secret (by its SHA-256) belongs to; with `gatewayId`, only if it is that gateway's. */
  lookupHash(secretHash: string, gatewayId?: string): GatewayIdentity | undefined {
    const hit = this.byHash.get(secretHash);
    if (!hit || (gatewayId !== undefined && hit.gatewayId !== gatewayId)) return undefined;
    return hit;
  }

  /** A live gateway by id (callers authenticated by one of its keys). */
  gateway(gatewayId: string): GatewayIdentity | undefined {
    return this.byId.get(gatewayId);
  }

  put(secretHash: string, identity: GatewayIdentity): void {
    this.byHash.set(secretHash, identity);
    this.byId.set(identity.gatewayId, identity);
    this.sync.changed();
  }

  /** Applies a settings change to every secret of the gateway at once. */
  update(
    gatewayId: string,
    patch: Partial<Pick<GatewayIdentity, 'logBodies' | 'responsesRetentionDays'>>,
  ): void {
    for (const [hash, id] of this.byHash)
      if (id.gatewayId === gatewayId) this.byHash.set(hash, { ...id, ...patch });
    const current = this.byId.get(gatewayId);
    if (current) this.byId.set(gatewayId, { ...current, ...patch });
    this.sync.changed();
  }

  removeGateway(gatewayId: string): void {
    this.drop(gatewayId);
    this.sync.changed();
  }

  private drop(gatewayId: string): void {
    for (const [hash, id] of this.byHash) if (id.gatewayId === gatewayId) this.byHash.delete(hash);
    this.byId.delete(gatewayId);
  }
}

/** What the proxy keeps of a gateway, from its row (or entity). */
export function toIdentity(r: Omit<GatewayAuthRow, 'secretHash'>): GatewayIdentity {
  return {
    gatewayId: r.id,
    userId: r.userId,
    logBodies: r.logBodies,
    responsesRetentionDays: r.responsesRetentionDays,
  };
}
