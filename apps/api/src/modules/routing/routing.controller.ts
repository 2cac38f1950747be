import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { parseDto } from '../../common/parse-dto';
import { UserAuthGuard } from '../auth/user-auth.guard';
import { GatewayRoleGuard, type AuthorizedGateway } from '../gateways/gateway-access';
import { Grant } from '../teams/scoped-role.guard';
import { RoutingSettingsDto, type RoutingSettingsResponseDto } from './dto/routing-settings.dto';
import { RoutingSettingsService } from './routing-settings.service';

@Controller('gateway')
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class RoutingController {
  constructor(private readonly settings: RoutingSettingsService) {}

  @Get(':id/routing')
  get(@Grant() gw: AuthorizedGateway): Promise<RoutingSettingsResponseDto> {
    return this.settings.get(gw);
  }

  @Put(':id/routing')
  put(@Grant() gw: AuthorizedGateway, @Body() body: unknown): Promise<RoutingSettingsResponseDto> {
    return this.settings.update(gw, parseDto(RoutingSettingsDto, body));
  }
}
