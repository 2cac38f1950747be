import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DirectorySync } from '../../common/directory-sync';
import type { AccessConfig, AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { GatewayEvents } from '../events/gateway-events';
import { AccessRepository } from './access.repository';
import type { GrantPrincipalType } from './env-grant.entity';
import { OPERATOR_USER_ID } from './operator';

/** The owner of a gateway, as the proxy knows it (GatewayIdentity has more). */
export interface GatewayOwner {
  userId: string;
}

const grantKey = (type: GrantPrincipalType, id: string) => `${type}:${id}`;

/**
 * Admins, disabled users and env-credential grants, in memory: the proxy asks "may this gateway
 * spend the environment's keys" and "is its owner disabled" without a database query. Loaded at boot,
 * reloaded at once after an `access` change through this process's API or another's (announced by
 * `ConfigBroadcast`), and every CREDENTIALS_REFRESH_MS for what a broadcast missed.
 */
@Injectable()
export class AccessDirectory implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AccessDirectory.name);
  private readonly access: AccessConfig;
  private admins = new Set<string>();
  private disabled = new Set<string>();
  private grants = new Set<string>();
  private readonly sync = new DirectorySync('Access', this.logger);

  constructor(
    private readonly repo: AccessRepository,
    events: GatewayEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.access = config.access;
    events.onResync(() => this.reload());
    events.follow((change) => (change.kind === 'access' ? this.reload() : undefined));
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.sync.every(this.config.credentialsRefreshMs, () => this.reload());
  }

  onApplicationShutdown(): void {
    this.sync.stop();
  }

  async reload(): Promise<void> {
    await this.sync.replaceAll(
      () => this.repo.rows(),
      (rows) => {
        // The operator (ADMIN_API_KEY's gateways) is an admin whether or not its row exists yet.
        this.admins = new Set([OPERATOR_USER_ID, ...rows.admins]);
        this.disabled = new Set(rows.disabled);
        this.grants = new Set(rows.grants.map((g) => grantKey(g.principalType, g.principalId)));
      },
    );
  }

  /** ENV_PROVIDERS, for messages naming it. */
  get envProviders(): AccessConfig['envProviders'] {
    return this.access.envProviders;
  }

  isAdmin(userId: string): boolean {
    return this.admins.has(userId);
  }

  isDisabled(userId: string): boolean {
    return this.disabled.has(userId);
  }

  /** Whether the principal holds an explicit grant (admins are granted without one). */
  hasGrant(type: GrantPrincipalType, id: string): boolean {
    return this.grants.has(grantKey(type, id));
  }

  /**
   * The one rule for the environment's provider credentials (ENV_PROVIDERS): `all` lets every
   * gateway use them, `none` no gateway, `granted` the gateways of admins (the operator's included)
   * and of granted principals. Teams extend this with the owning team's grant.
   */
  mayUseEnvProviders(gateway: GatewayOwner): boolean {
    switch (this.access.envProviders) {
      case 'all':
        return true;
      case 'none':
        return false;
      case 'granted':
        return this.isAdmin(gateway.userId) || this.hasGrant('user', gateway.userId);
    }
  }
}
