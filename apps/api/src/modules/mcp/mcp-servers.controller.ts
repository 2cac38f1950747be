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
  CreateMcpServerDto,
  UpdateMcpServerDto,
  type McpServerDto,
  type McpServerListDto,
  type McpServerToolsDto,
} from './dto/mcp-server.dto';
import { McpServersService } from './mcp-servers.service';

@Controller('gateway/:id/mcp-servers')
@UseGuards(UserAuthGuard)
export class McpServersController {
  constructor(private readonly servers: McpServersService) {}

  @Post()
  @HttpCode(201)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<McpServerDto> {
    return this.servers.create(user.id, id, parseDto(CreateMcpServerDto, body));
  }

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<McpServerListDto> {
    return this.servers.list(user.id, id);
  }

  @Get(':sid')
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('sid') sid: string,
  ): Promise<McpServerDto> {
    return this.servers.get(user.id, id, sid);
  }

  @Patch(':sid')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('sid') sid: string,
    @Body() body: unknown,
  ): Promise<McpServerDto> {
    return this.servers.update(user.id, id, sid, parseDto(UpdateMcpServerDto, body));
  }

  @Delete(':sid')
  @HttpCode(204)
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('sid') sid: string,
  ): Promise<void> {
    await this.servers.delete(user.id, id, sid);
  }

  @Get(':sid/tools')
  tools(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('sid') sid: string,
  ): Promise<McpServerToolsDto> {
    return this.servers.tools(user.id, id, sid);
  }
}
