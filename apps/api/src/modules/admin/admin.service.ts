import { Inject, Injectable } from '@nestjs/common';
import type { AdminGateway, AdminStatus } from '@gateway/contracts';
import type { AccessConfig, AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AccessDirectory } from '../auth/access-directory';
import { AccountsService } from '../auth/accounts.service';
import { GatewaysService } from '../gateways/gateways.service';

/** The operator's overview: every gateway with its owner, and the access settings in force. */
@Injectable()
export class AdminService {
  private readonly access: AccessConfig;

  constructor(
    private readonly allGateways: GatewaysService,
    private readonly accounts: AccountsService,
    private readonly directory: AccessDirectory,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.access = config.access;
  }

  async gateways(ownerId?: string): Promise<{ gateways: AdminGateway[] }> {
    const all = await this.allGateways.listAll();
    const rows = ownerId ? all.filter((g) => g.userId === ownerId) : all;
    const owners = await this.accounts.byIds([...new Set(rows.map((g) => g.userId))]);
    return {
      gateways: rows.map((g) => {
        const owner = owners.get(g.userId);
        return {
          id: g.id,
          name: g.name,
          created_at: g.createdAt.toISOString(),
          team_id: g.teamId,
          owner: {
            id: g.userId,
            username: owner?.username ?? 'unknown',
            email: owner?.email ?? null,
            disabled: owner?.disabledAt != null,
          },
          env_allowed: this.directory.mayUseEnvProviders({ userId: g.userId }),
        };
      }),
    };
  }

  status(): AdminStatus {
    return {
      signup_mode: this.access.signupMode,
      env_providers: this.access.envProviders,
      admin_key_configured: this.access.adminApiKey !== undefined,
    };
  }
}
