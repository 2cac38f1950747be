import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { GatewayLimits, SubjectLimits } from '@gateway/contracts';
import { DirectorySync } from '../../common/directory-sync';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { GatewayEvents } from '../events/gateway-events';
import { endUserKey, limitSubject, type LimitSubject } from '../limits/limit-subject';
import { GatewayLimitsRepository } from './gateway-limits.repository';

export const NO_GATEWAY_LIMITS: GatewayLimits = {
  gateway: {},
  end_user: {},
  end_user_overrides: {},
  require_end_user: false,
};

interface Loaded {
  limits: GatewayLimits;
  /** Overrides by end user id, in a Map: ids such as `__proto__` are ordinary ids. */
  overrides: Map<string, SubjectLimits>;
}

/**
 * Each gateway's end user and gateway-wide limits in memory, so admission reads no database. Loaded
 * at boot, reloaded for one gateway when a management API (this process's, or another's through
 * `ConfigBroadcast`) changes them, and fully every CREDENTIALS_REFRESH_MS to pick up changes a
 * broadcast missed.
 */
@Injectable()
export class GatewayLimitsDirectory implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GatewayLimitsDirectory.name);
  private byGateway = new Map<string, Loaded>();
  private readonly sync = new DirectorySync('Gateway limits', this.logger);

  constructor(
    private readonly repo: GatewayLimitsRepository,
    events: GatewayEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    events.onResync(() => this.reload());
    events.follow((change) =>
      change.kind === 'limits' ? this.reloadGateway(change.gatewayId) : undefined,
    );
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.sync.every(this.config.credentialsRefreshMs, () => this.reload());
  }

  onApplicationShutdown(): void {
    this.sync.stop();
  }

  limitsOf(gatewayId: string): GatewayLimits {
    return this.byGateway.get(gatewayId)?.limits ?? NO_GATEWAY_LIMITS;
  }

  requiresEndUser(gatewayId: string): boolean {
    return this.byGateway.get(gatewayId)?.limits.require_end_user === true;
  }

  /** The gateway as a subject, when it has limits of its own. */
  gatewaySubject(gatewayId: string): LimitSubject | undefined {
    const loaded = this.byGateway.get(gatewayId);
    if (!loaded) return undefined;
    return limitSubject({
      kind: 'gateway',
      id: gatewayId,
      label: 'this gateway',
      configPath: 'gateway',
      limits: loaded.limits.gateway,
    });
  }

  /** The end user as a subject: its override, else the gateway's `end_user` defaults. */
  endUserSubject(gatewayId: string, endUser: string | undefined): LimitSubject | undefined {
    const loaded = this.byGateway.get(gatewayId);
    if (!loaded || endUser === undefined) return undefined;
    const override = loaded.overrides.get(endUser);
    const id = endUserKey(endUser);
    return limitSubject({
      kind: 'end_user',
      id: endUserSubjectId(gatewayId, endUser),
      label: `end user '${id}'`,
      configPath: override ? `end_user_overrides.${id}` : 'end_user',
      limits: override ?? loaded.limits.end_user,
    });
  }

  async reload(): Promise<void> {
    await this.sync.replaceAll(
      () => this.repo.find(),
      (rows) => {
        this.byGateway = new Map(rows.map((r) => [r.gatewayId, load(r.limits)]));
      },
    );
  }

  async reloadGateway(gatewayId: string): Promise<void> {
    const [row] = await this.repo.find(gatewayId);
    if (row) this.byGateway.set(gatewayId, load(row.limits));
    else this.byGateway.delete(gatewayId);
    this.sync.changed();
  }
}

/** End users are counted per gateway: the same `user` in two gateways is two people. */
export function endUserSubjectId(gatewayId: string, endUser: string): string {
  return `${gatewayId}:${endUserKey(endUser)}`;
}

function load(stored: Partial<GatewayLimits>): Loaded {
  const limits = { ...NO_GATEWAY_LIMITS, ...stored };
  return { limits, overrides: new Map(Object.entries(limits.end_user_overrides)) };
}
