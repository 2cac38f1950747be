import { Controller, Get, UseGuards } from '@nestjs/common';
import type { ProviderHealthList } from '@gateway/contracts';
import { UserAuthGuard } from '../auth/user-auth.guard';
import { GatewayRoleGuard, type AuthorizedGateway } from '../gateways/gateway-access';
import { Grant } from '../teams/scoped-role.guard';
import { BreakerStatesService } from './breaker-states.service';

/** Live breaker, latency and concurrency state of a gateway's providers (viewers may see it). */
@Controller('gateway/:id/providers')
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class ProviderHealthController {
  constructor(private readonly states: BreakerStatesService) {}

  @Get('health')
  health(@Grant() gw: AuthorizedGateway): Promise<ProviderHealthList> {
    return this.states.forGateway(gw);
  }
}
