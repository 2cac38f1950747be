import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { parseDto } from '../../common/parse-dto';
import type { Caller } from '../auth/caller';
import { CurrentCaller, UserAuthGuard } from '../auth/user-auth.guard';
import { Grant } from '../teams/scoped-role.guard';
import {
  CreateGatewayDto,
  GatewayListQueryDto,
  GatewayNameDto,
  GatewaySettingsPatchDto,
  MoveGatewayDto,
  type CreatedGatewayDto,
  type GatewayCredentialsDto,
  type GatewayDto,
  type GatewayListDto,
  type GatewaySettingsDto,
} from './dto/gateway.dto';
import { GatewayRoleGuard, type AuthorizedGateway } from './gateway-access';
import { GatewaysService } from './gateways.service';

@Controller('gateway')
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class GatewaysController {
  constructor(private readonly gateways: GatewaysService) {}

  @Post('create')
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<CreatedGatewayDto> {
    return this.gateways.create(caller, parseDto(CreateGatewayDto, body));
  }

  @Get('list')
  list(@CurrentCaller() caller: Caller, @Query() q: unknown): Promise<GatewayListDto> {
    return this.gateways.list(caller, parseDto(GatewayListQueryDto, q).team_id);
  }

  @Get(':id/credentials')
  credentials(@Grant() gw: AuthorizedGateway): Promise<GatewayCredentialsDto> {
    return this.gateways.credentials(gw);
  }

  @Post(':id/regenerate')
  @HttpCode(200)
  regenerate(@Grant() gw: AuthorizedGateway): Promise<GatewayCredentialsDto> {
    return this.gateways.regenerate(gw);
  }

  @Post(':id/move')
  @HttpCode(200)
  move(
    @CurrentCaller() caller: Caller,
    @Grant() gw: AuthorizedGateway,
    @Body() body: unknown,
  ): Promise<GatewayDto> {
    return this.gateways.move(caller, gw, parseDto(MoveGatewayDto, body).team_id);
  }

  @Get(':id/settings')
  settings(@Grant() gw: AuthorizedGateway): Promise<GatewaySettingsDto> {
    return this.gateways.settings(gw);
  }

  @Patch(':id/settings')
  updateSettings(
    @Grant() gw: AuthorizedGateway,
    @Body() body: unknown,
  ): Promise<GatewaySettingsDto> {
    return this.gateways.updateSettings(gw, parseDto(GatewaySettingsPatchDto, body));
  }

  @Patch(':id')
  rename(@Grant() gw: AuthorizedGateway, @Body() body: unknown): Promise<GatewayDto> {
    return this.gateways.rename(gw, parseDto(GatewayNameDto, body).name);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Grant() gw: AuthorizedGateway): Promise<void> {
    await this.gateways.delete(gw);
  }
}
