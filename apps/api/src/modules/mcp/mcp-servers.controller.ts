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
  CreateMcpServerDto,
  UpdateMcpServerDto,
  type McpServerDto,
  type McpServerListDto,
  type McpServerToolsDto,
} from './dto/mcp-server.dto';
import { McpServersService } from './mcp-servers.service';

@Controller('gateway/:id/mcp-servers')
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class McpServersController {
  constructor(private readonly servers: McpServersService) {}

  @Post()
  @HttpCode(201)
  create(@Grant() gw: AuthorizedGateway, @Body() body: unknown): Promise<McpServerDto> {
    return this.servers.create(gw, parseDto(CreateMcpServerDto, body));
  }

  @Get()
  list(@Grant() gw: AuthorizedGateway): Promise<McpServerListDto> {
    return this.servers.list(gw);
  }

  @Get(':sid')
  get(@Grant() gw: AuthorizedGateway, @Param('sid') sid: string): Promise<McpServerDto> {
    return this.servers.get(gw, sid);
  }

  @Patch(':sid')
  update(
    @Grant() gw: AuthorizedGateway,
    @Param('sid') sid: string,
    @Body() body: unknown,
  ): Promise<McpServerDto> {
    return this.servers.update(gw, sid, parseDto(UpdateMcpServerDto, body));
  }

  @Delete(':sid')
  @HttpCode(204)
  async delete(@Grant() gw: AuthorizedGateway, @Param('sid') sid: string): Promise<void> {
    await this.servers.delete(gw, sid);
  }

  @Get(':sid/tools')
  tools(@Grant() gw: AuthorizedGateway, @Param('sid') sid: string): Promise<McpServerToolsDto> {
    return this.servers.tools(gw, sid);
  }
}
