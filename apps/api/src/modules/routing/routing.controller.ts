import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { parseDto } from '../../common/parse-dto';
import type { AuthenticatedUser } from '../auth/auth.service';
import { CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import { RoutingSettingsDto, type RoutingSettingsResponseDto } from './dto/routing-settings.dto';
import { RoutingSettingsService } from './routing-settings.service';

@Controller('gateway')
@UseGuards(UserAuthGuard)
export class RoutingController {
  constructor(private readonly settings: RoutingSettingsService) {}

  @Get(':id/routing')
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<RoutingSettingsResponseDto> {
    return this.settings.get(user.id, id);
  }

  @Put(':id/routing')
  put(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<RoutingSettingsResponseDto> {
    return this.settings.update(user.id, id, parseDto(RoutingSettingsDto, body));
  }
}
