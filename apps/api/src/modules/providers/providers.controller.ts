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
import { UserAuthGuard } from '../auth/user-auth.guard';
import { GatewayRoleGuard, type AuthorizedGateway } from '../gateways/gateway-access';
import { Grant } from '../teams/scoped-role.guard';
import {
  CreateProviderDto,
  UpdateProviderDto,
  type ProviderDto,
  type ProviderListDto,
  type ProviderModelsDto,
  type ProviderTestDto,
} from './dto/provider.dto';
import { ProvidersService } from './providers.service';

@Controller('gateway/:id/providers')
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @HttpCode(201)
  create(@Grant() gw: AuthorizedGateway, @Body() body: unknown): Promise<ProviderDto> {
    return this.providers.create(gw, parseDto(CreateProviderDto, body));
  }

  @Get()
  list(@Grant() gw: AuthorizedGateway): Promise<ProviderListDto> {
    return this.providers.list(gw);
  }

  @Get(':pid')
  get(@Grant() gw: AuthorizedGateway, @Param('pid') pid: string): Promise<ProviderDto> {
    return this.providers.get(gw, pid);
  }

  @Patch(':pid')
  update(
    @Grant() gw: AuthorizedGateway,
    @Param('pid') pid: string,
    @Body() body: unknown,
  ): Promise<ProviderDto> {
    return this.providers.update(gw, pid, parseDto(UpdateProviderDto, body));
  }

  @Delete(':pid')
  @HttpCode(204)
  async delete(@Grant() gw: AuthorizedGateway, @Param('pid') pid: string): Promise<void> {
    await this.providers.delete(gw, pid);
  }

  @Post(':pid/test')
  @HttpCode(200)
  test(@Grant() gw: AuthorizedGateway, @Param('pid') pid: string): Promise<ProviderTestDto> {
    return this.providers.test(gw, pid);
  }

  @Get(':pid/models')
  models(@Grant() gw: AuthorizedGateway, @Param('pid') pid: string): Promise<ProviderModelsDto> {
    return this.providers.models(gw, pid);
  }
}
