import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { parseDto } from '../../common/parse-dto';
import type { AuthenticatedUser } from '../auth/auth.service';
import { CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import {
  GatewayNameDto,
  GatewaySettingsPatchDto,
  type CreatedGatewayDto,
  type GatewayCredentialsDto,
  type GatewayDto,
  type GatewayListDto,
  type GatewaySettingsDto,
} from './dto/gateway.dto';
import { GatewaysService } from './gateways.service';

@Controller('gateway')
@UseGuards(UserAuthGuard)
export class GatewaysController {
  constructor(private readonly gateways: GatewaysService) {}

  @Post('create')
  @HttpCode(200)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
  ): Promise<CreatedGatewayDto> {
    return this.gateways.create(user.id, parseDto(GatewayNameDto, body).name);
  }

  @Get('list')
  list(@CurrentUser() user: AuthenticatedUser): Promise<GatewayListDto> {
    return this.gateways.list(user.id);
  }

  @Get(':id/credentials')
  credentials(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<GatewayCredentialsDto> {
    return this.gateways.credentials(user.id, id);
  }

  @Post(':id/regenerate')
  @HttpCode(200)
  regenerate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<GatewayCredentialsDto> {
    return this.gateways.regenerate(user.id, id);
  }

  @Get(':id/settings')
  settings(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<GatewaySettingsDto> {
    return this.gateways.settings(user.id, id);
  }

  @Patch(':id/settings')
  updateSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<GatewaySettingsDto> {
    return this.gateways.updateSettings(user.id, id, parseDto(GatewaySettingsPatchDto, body));
  }

  @Patch(':id')
  rename(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<GatewayDto> {
    return this.gateways.rename(user.id, id, parseDto(GatewayNameDto, body).name);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<void> {
    await this.gateways.delete(user.id, id);
  }
}
