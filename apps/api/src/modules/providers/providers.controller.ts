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
  CreateProviderDto,
  UpdateProviderDto,
  type ProviderDto,
  type ProviderListDto,
  type ProviderModelsDto,
  type ProviderTestDto,
} from './dto/provider.dto';
import { ProvidersService } from './providers.service';

@Controller('gateway/:id/providers')
@UseGuards(UserAuthGuard)
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @HttpCode(201)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ProviderDto> {
    return this.providers.create(user.id, id, parseDto(CreateProviderDto, body));
  }

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<ProviderListDto> {
    return this.providers.list(user.id, id);
  }

  @Get(':pid')
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('pid') pid: string,
  ): Promise<ProviderDto> {
    return this.providers.get(user.id, id, pid);
  }

  @Patch(':pid')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('pid') pid: string,
    @Body() body: unknown,
  ): Promise<ProviderDto> {
    return this.providers.update(user.id, id, pid, parseDto(UpdateProviderDto, body));
  }

  @Delete(':pid')
  @HttpCode(204)
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('pid') pid: string,
  ): Promise<void> {
    await this.providers.delete(user.id, id, pid);
  }

  @Post(':pid/test')
  @HttpCode(200)
  test(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('pid') pid: string,
  ): Promise<ProviderTestDto> {
    return this.providers.test(user.id, id, pid);
  }

  @Get(':pid/models')
  models(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('pid') pid: string,
  ): Promise<ProviderModelsDto> {
    return this.providers.models(user.id, id, pid);
  }
}
