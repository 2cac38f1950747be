import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, NotFoundError } from '../../common/domain-errors';
import type { SecretBox } from '../../common/secret-box';
import { isUuid } from '../../common/uuid';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, SECRET_BOX } from '../../config/config.module';
import { GatewayEvents } from '../events/gateway-events';
import type { AuthorizedGateway } from '../gateways/gateway-access';
import type {
  CreateMcpServerDto,
  McpServerDto,
  McpServerListDto,
  McpServerToolsDto,
  UpdateMcpServerDto,
} from './dto/mcp-server.dto';
import { toMcpRuntime } from './mcp-directory';
import type { McpServerEntity } from './mcp-server.entity';
import { McpServersRepository } from './mcp-servers.repository';
import { gatewayToolName } from './mcp-tool-names';
import { McpUpstreams } from './mcp-upstreams';
import { McpStdioDisabledError } from './mcp.errors';

/** Registering, changing and trying a gateway's MCP servers (the management side). */
@Injectable()
export class McpServersService {
  constructor(
    private readonly repo: McpServersRepository,
    private readonly events: GatewayEvents,
    private readonly upstreams: McpUpstreams,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(gw: AuthorizedGateway, dto: CreateMcpServerDto): Promise<McpServerDto> {
    const gatewayId = gw.gatewayId;
    if (dto.transport === 'stdio' && !this.config.mcp.stdioAllowed)
      throw new McpStdioDisabledError();
    await this.requireFreeName(gatewayId, dto.name);
    const row = await this.repo.create({
      id: randomUUID(),
      gatewayId,
      name: dto.name,
      transport: dto.transport,
      url: dto.transport === 'http' ? (dto.url ?? null) : null,
      command: dto.transport === 'stdio' ? (dto.command ?? null) : null,
      args: dto.transport === 'stdio' ? dto.args : [],
      ...this.sealHeaders(dto.headers),
      enabled: dto.enabled,
      timeoutMs: dto.timeout_ms ?? null,
      pricePerCallUsd: dto.price_per_call_usd ?? null,
    });
    await this.events.emit({ kind: 'mcp-servers', gatewayId });
    return toDto(row);
  }

  async list(gw: AuthorizedGateway): Promise<McpServerListDto> {
    return { servers: (await this.repo.listForGateway(gw.gatewayId)).map(toDto) };
  }

  async get(gw: AuthorizedGateway, id: string): Promise<McpServerDto> {
    return toDto(await this.requireServer(gw, id));
  }

  async update(gw: AuthorizedGateway, id: string, dto: UpdateMcpServerDto): Promise<McpServerDto> {
    const gatewayId = gw.gatewayId;
    const row = await this.requireServer(gw, id);
    if (dto.name !== undefined && dto.name !== row.name) {
      await this.requireFreeName(gatewayId, dto.name);
      row.name = dto.name;
    }
    if (dto.transport !== undefined) row.transport = dto.transport;
    if (dto.url !== undefined) row.url = dto.url;
    if (dto.command !== undefined) row.command = dto.command;
    if (dto.args !== undefined) row.args = dto.args;
    if (dto.headers !== undefined) Object.assign(row, this.sealHeaders(dto.headers));
    if (dto.enabled !== undefined) row.enabled = dto.enabled;
    if (dto.timeout_ms !== undefined) row.timeoutMs = dto.timeout_ms;
    if (dto.price_per_call_usd !== undefined) row.pricePerCallUsd = dto.price_per_call_usd;
    if (row.transport === 'stdio' && !this.config.mcp.stdioAllowed)
      throw new McpStdioDisabledError();
    if (row.transport === 'http' && !row.url) {
      throw new DomainError(ErrorCode.InvalidRequest, 'url is required for the http transport', {
        param: 'url',
      });
    }
    if (row.transport === 'stdio' && !row.command) {
      throw new DomainError(
        ErrorCode.InvalidRequest,
        'command is required for the stdio transport',
        {
          param: 'command',
        },
      );
    }
    const saved = await this.repo.save(row);
    await this.events.emit({ kind: 'mcp-servers', gatewayId });
    return toDto(saved);
  }

  async delete(gw: AuthorizedGateway, id: string): Promise<void> {
    await this.requireServer(gw, id);
    await this.repo.delete(id);
    await this.events.emit({ kind: 'mcp-servers', gatewayId: gw.gatewayId });
  }

  /** Connects to the server and lists its tools under the names the gateway offers them by. */
  async tools(gw: AuthorizedGateway, id: string): Promise<McpServerToolsDto> {
    const row = await this.requireServer(gw, id);
    let tools;
    try {
      tools = await this.upstreams.listTools(toMcpRuntime(row, this.box));
    } catch (err) {
      throw new DomainError(
        ErrorCode.Upstream,
        `The MCP server '${row.name}' did not list its tools: ${(err as Error).message}`,
      );
    }
    return {
      tools: tools.map((t) => ({
        name: gatewayToolName(row.name, t.name),
        tool: t.name,
        description: t.description ?? null,
      })),
    };
  }

  private sealHeaders(
    headers: Record<string, string>,
  ): Pick<McpServerEntity, 'headersCiphertext' | 'headerNames'> {
    const names = Object.keys(headers);
    return {
      headersCiphertext: names.length ? this.box.encrypt(JSON.stringify(headers)) : null,
      headerNames: names,
    };
  }

  private async requireServer(gw: AuthorizedGateway, id: string): Promise<McpServerEntity> {
    const row = isUuid(id) ? await this.repo.findInGateway(gw.gatewayId, id) : null;
    if (!row) throw new NotFoundError('MCP server');
    return row;
  }

  private async requireFreeName(gatewayId: string, name: string): Promise<void> {
    if (await this.repo.findByName(gatewayId, name)) {
      throw new DomainError(
        ErrorCode.Conflict,
        `This gateway already has an MCP server named '${name}'`,
        { param: 'name' },
      );
    }
  }
}

function toDto(row: McpServerEntity): McpServerDto {
  return {
    id: row.id,
    name: row.name,
    transport: row.transport === 'stdio' ? 'stdio' : 'http',
    url: row.url,
    command: row.command,
    args: row.args,
    header_names: row.headerNames,
    enabled: row.enabled,
    timeout_ms: row.timeoutMs,
    price_per_call_usd: row.pricePerCallUsd,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
