import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { McpTransport } from '@gateway/contracts';
import type { SecretBox } from '../../common/secret-box';
import { DirectorySync } from '../../common/directory-sync';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, SECRET_BOX } from '../../config/config.module';
import { GatewayEvents } from '../events/gateway-events';
import type { McpServerEntity } from './mcp-server.entity';
import { McpServersRepository } from './mcp-servers.repository';

/** A registered MCP server as the gateway endpoint uses it: credentials decrypted, in memory only. */
export interface McpServerRuntime {
  id: string;
  gatewayId: string;
  name: string;
  transport: McpTransport;
  url: string | null;
  command: string | null;
  args: string[];
  headers: Record<string, string>;
  enabled: boolean;
  timeoutMs: number | null;
  pricePerCallUsd: number | null;
  /** changes whenever the row does: a connection opened for an older version is replaced */
  version: string;
}

/**
 * Every gateway's MCP servers in memory, so the `/mcp` endpoint never queries the database: loaded at
 * boot, reloaded for one gateway when this process or another (through `ConfigBroadcast`) changes
 * its servers, and fully every CREDENTIALS_REFRESH_MS for changes a broadcast missed (like the key
 * directory).
 */
@Injectable()
export class McpDirectory implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(McpDirectory.name);
  private byGateway = new Map<string, McpServerRuntime[]>();
  private readonly sync = new DirectorySync('MCP server', this.logger);

  constructor(
    private readonly repo: McpServersRepository,
    events: GatewayEvents,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    events.onResync(() => this.reload());
    events.follow((change) =>
      change.kind === 'mcp-servers' ? this.reloadGateway(change.gatewayId) : undefined,
    );
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.sync.every(this.config.credentialsRefreshMs, () => this.reload());
  }

  onApplicationShutdown(): void {
    this.sync.stop();
  }

  /** The gateway's enabled servers, in registration order. */
  servers(gatewayId: string): readonly McpServerRuntime[] {
    return this.byGateway.get(gatewayId) ?? [];
  }

  async reload(): Promise<void> {
    await this.sync.replaceAll(
      () => this.repo.all(),
      (rows) => {
        const next = new Map<string, McpServerRuntime[]>();
        for (const row of rows) {
          const runtime = this.toRuntime(row);
          if (!runtime) continue;
          const list = next.get(row.gatewayId) ?? [];
          list.push(runtime);
          next.set(row.gatewayId, list);
        }
        this.byGateway = next;
      },
    );
  }

  async reloadGateway(gatewayId: string): Promise<void> {
    const rows = await this.repo.listForGateway(gatewayId);
    const list = rows.flatMap((row) => this.toRuntime(row) ?? []);
    if (list.length) this.byGateway.set(gatewayId, list);
    else this.byGateway.delete(gatewayId);
    this.sync.changed();
  }

  private toRuntime(row: McpServerEntity): McpServerRuntime | undefined {
    if (!row.enabled) return undefined;
    try {
      return toMcpRuntime(row, this.box);
    } catch {
      // Sealed under another ENCRYPTION_KEY: the server is skipped rather than called without them.
      this.logger.error(`MCP server ${row.id}: its headers cannot be decrypted; server skipped`);
      return undefined;
    }
  }
}

/** The runtime view of a row; throws when its headers cannot be decrypted. */
export function toMcpRuntime(row: McpServerEntity, box: SecretBox): McpServerRuntime {
  return {
    id: row.id,
    gatewayId: row.gatewayId,
    name: row.name,
    transport: row.transport === 'stdio' ? 'stdio' : 'http',
    url: row.url,
    command: row.command,
    args: row.args,
    headers: row.headersCiphertext
      ? (JSON.parse(box.decrypt(row.headersCiphertext)) as Record<string, string>)
      : {},
    enabled: row.enabled,
    timeoutMs: row.timeoutMs,
    pricePerCallUsd: row.pricePerCallUsd,
    version: row.updatedAt.toISOString(),
  };
}
