import { Injectable } from '@nestjs/common';
import type { TeamRole } from '@gateway/contracts';
import { isUuid } from '../../common/uuid';
import type { Caller } from '../auth/caller';
import { ScopedRoleGuard } from '../teams/scoped-role.guard';
import { TeamAccess, assertRole } from '../teams/team-access';
import { GatewaysRepository } from './gateways.repository';

/** A gateway the caller may act on: its team and the caller's role there. */
export interface AuthorizedGateway {
  readonly gatewayId: string;
  readonly teamId: string;
  readonly role: TeamRole;
}

/** Role checks on one gateway: the caller's role in the team that owns it. */
@Injectable()
export class GatewayAccess {
  constructor(
    private readonly repo: GatewaysRepository,
    private readonly teams: TeamAccess,
  ) {}

  /** 404 for a stranger (or an unknown id), 403 for a member below `min`. */
  async require(caller: Caller, gatewayId: string, min: TeamRole): Promise<AuthorizedGateway> {
    const gateway = isUuid(gatewayId) ? await this.repo.findById(gatewayId) : null;
    const role = assertRole(
      gateway ? await this.teams.roleOf(caller, gateway.teamId) : undefined,
      min,
      'Gateway',
    );
    return { gatewayId, teamId: gateway!.teamId, role };
  }
}

/** Role check of every route with a gateway `:id` (`ENDPOINT_MIN_ROLE`). */
@Injectable()
export class GatewayRoleGuard extends ScopedRoleGuard<AuthorizedGateway> {
  constructor(private readonly access: GatewayAccess) {
    super();
  }

  protected authorize(caller: Caller, id: string, min: TeamRole): Promise<AuthorizedGateway> {
    return this.access.require(caller, id, min);
  }
}
