import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { parseDto } from '../../common/parse-dto';
import type { AuthenticatedUser } from '../auth/auth.service';
import { CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import {
  GatewayLimitsDto,
  LimitsUsageQueryDto,
  type GatewayLimitsResponseDto,
  type GatewayLimitsUsageDto,
} from './dto/gateway-limits.dto';
import { GatewayLimitsService } from './gateway-limits.service';

@Controller('gateway/:id/limits')
@UseGuards(UserAuthGuard)
export class GatewayLimitsController {
  constructor(private readonly limits: GatewayLimitsService) {}

  @Get()
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<GatewayLimitsResponseDto> {
    return this.limits.get(user.id, id);
  }

  @Put()
  put(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<GatewayLimitsResponseDto> {
    return this.limits.update(user.id, id, parseDto(GatewayLimitsDto, body));
  }

  @Get('usage')
  usage(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<GatewayLimitsUsageDto> {
    return this.limits.usage(user.id, id, parseDto(LimitsUsageQueryDto, query).end_user);
  }
}
