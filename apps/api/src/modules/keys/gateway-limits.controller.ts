import { Body, Controller, Get, Put, Query, UseGuards } from '@nestjs/common';
import { parseDto } from '../../common/parse-dto';
import { UserAuthGuard } from '../auth/user-auth.guard';
import { GatewayRoleGuard, type AuthorizedGateway } from '../gateways/gateway-access';
import { Grant } from '../teams/scoped-role.guard';
import {
  GatewayLimitsDto,
  LimitsUsageQueryDto,
  type GatewayLimitsResponseDto,
  type GatewayLimitsUsageDto,
} from './dto/gateway-limits.dto';
import { GatewayLimitsService } from './gateway-limits.service';

@Controller('gateway/:id/limits')
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class GatewayLimitsController {
  constructor(private readonly limits: GatewayLimitsService) {}

  @Get()
  get(@Grant() gw: AuthorizedGateway): Promise<GatewayLimitsResponseDto> {
    return this.limits.get(gw);
  }

  @Put()
  put(@Grant() gw: AuthorizedGateway, @Body() body: unknown): Promise<GatewayLimitsResponseDto> {
    return this.limits.update(gw, parseDto(GatewayLimitsDto, body));
  }

  @Get('usage')
  usage(@Grant() gw: AuthorizedGateway, @Query() query: unknown): Promise<GatewayLimitsUsageDto> {
    return this.limits.usage(gw, parseDto(LimitsUsageQueryDto, query).end_user);
  }
}
