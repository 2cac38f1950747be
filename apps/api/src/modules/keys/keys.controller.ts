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
  CreateKeyDto,
  UpdateKeyDto,
  type CreatedKeyDto,
  type KeyDetailDto,
  type KeyDto,
  type KeyListDto,
} from './dto/key.dto';
import { KeysService } from './keys.service';

@Controller('gateway/:id/keys')
@UseGuards(UserAuthGuard)
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Post()
  @HttpCode(201)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<CreatedKeyDto> {
    return this.keys.create(user.id, id, parseDto(CreateKeyDto, body));
  }

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<KeyListDto> {
    return this.keys.list(user.id, id);
  }

  @Get(':kid')
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('kid') kid: string,
  ): Promise<KeyDetailDto> {
    return this.keys.get(user.id, id, kid);
  }

  @Patch(':kid')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('kid') kid: string,
    @Body() body: unknown,
  ): Promise<KeyDto> {
    return this.keys.update(user.id, id, kid, parseDto(UpdateKeyDto, body));
  }

  @Delete(':kid')
  @HttpCode(204)
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('kid') kid: string,
  ): Promise<void> {
    await this.keys.delete(user.id, id, kid);
  }
}
