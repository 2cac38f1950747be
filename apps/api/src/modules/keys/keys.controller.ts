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
  CreateKeyDto,
  UpdateKeyDto,
  type CreatedKeyDto,
  type KeyDetailDto,
  type KeyDto,
  type KeyListDto,
} from './dto/key.dto';
import { KeysService } from './keys.service';

@Controller('gateway/:id/keys')
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Post()
  @HttpCode(201)
  create(@Grant() gw: AuthorizedGateway, @Body() body: unknown): Promise<CreatedKeyDto> {
    return this.keys.create(gw, parseDto(CreateKeyDto, body));
  }

  @Get()
  list(@Grant() gw: AuthorizedGateway): Promise<KeyListDto> {
    return this.keys.list(gw);
  }

  @Get(':kid')
  get(@Grant() gw: AuthorizedGateway, @Param('kid') kid: string): Promise<KeyDetailDto> {
    return this.keys.get(gw, kid);
  }

  @Patch(':kid')
  update(
    @Grant() gw: AuthorizedGateway,
    @Param('kid') kid: string,
    @Body() body: unknown,
  ): Promise<KeyDto> {
    return this.keys.update(gw, kid, parseDto(UpdateKeyDto, body));
  }

  @Delete(':kid')
  @HttpCode(204)
  async delete(@Grant() gw: AuthorizedGateway, @Param('kid') kid: string): Promise<void> {
    await this.keys.delete(gw, kid);
  }
}
