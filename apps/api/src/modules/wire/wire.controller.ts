import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { WireExchange } from '@gateway/contracts';
import { UserAuthGuard } from '../auth/user-auth.guard';
import { GatewayRoleGuard, type AuthorizedGateway } from '../gateways/gateway-access';
import { Grant } from '../teams/scoped-role.guard';
import { WireService } from './wire.service';

@Controller('gateway/:id/wire')
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class WireController {
  constructor(private readonly wire: WireService) {}

  @Get(':requestId')
  read(
    @Grant() gw: AuthorizedGateway,
    @Param('requestId') requestId: string,
  ): Promise<WireExchange> {
    return this.wire.read(gw, requestId);
  }
}
