import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { McpServerRuntime } from './mcp-directory';
import { McpStdioDisabledError } from './mcp.errors';

// A server's tool list is asked again after this long (tools rarely change; listing is a round trip).
const TOOLS_TTL_MS = 30_000;
const CLIENT_INFO = { name: 'llm-gateway', version: '0.1.0' };

interface Connection {
  version: string;
  client: Promise<Client>;
  tools?: { at: number; list: Promise<Tool[]> };
}

/**
 * One MCP client connection per registered server, opened on first use and reused by every caller of
 * the gateway; replaced when the server's settings change, dropped when a call fails at the transport
 * so the next call reconnects.
 */
@Injectable()
export class McpUpstreams implements OnApplicationShutdown {
  private readonly logger = new Logger(McpUpstreams.name);
  private readonly connections = new Map<string, Connection>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async listTools(server: McpServerRuntime): Promise<Tool[]> {
    const conn = this.connection(server);
    const now = Date.now();
    if (!conn.tools || now - conn.tools.at > TOOLS_TTL_MS) {
      const list = this.fetchTools(server, conn);
      conn.tools = { at: now, list };
      list.catch(() => {
        if (conn.tools?.list === list) conn.tools = undefined;
      });
    }
    return conn.tools.list;
  }

  async callTool(
    server: McpServerRuntime,
    tool: string,
    args: Record<string, unknown> | undefined,
    signal?: AbortSignal,
  ): Promise<CallToolResult> {
    const conn = this.connection(server);
    try {
      const client = await conn.client;
      return (await client.callTool({ name: tool, arguments: args }, undefined, {
        timeout: this.timeoutMs(server),
        signal,
      })) as CallToolResult;
    } catch (err) {
      this.dropIfBroken(server.id, conn, err);
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => this.close(c)));
  }

  private async fetchTools(server: McpServerRuntime, conn: Connection): Promise<Tool[]> {
    try {
      const client = await conn.client;
      const tools: Tool[] = [];
      let cursor: string | undefined;
      // Servers may page their tool list; a hard cap keeps a misbehaving one from looping forever.
      for (let page = 0; page < 100; page++) {
        const res = await client.listTools(cursor ? { cursor } : undefined, {
          timeout: this.timeoutMs(server),
        });
        tools.push(...res.tools);
        cursor = res.nextCursor;
        if (!cursor) break;
      }
      return tools;
    } catch (err) {
      this.dropIfBroken(server.id, conn, err);
      throw err;
    }
  }

  private connection(server: McpServerRuntime): Connection {
    const existing = this.connections.get(server.id);
    if (existing && existing.version === server.version) return existing;
    if (existing) void this.close(existing);
    const conn: Connection = { version: server.version, client: this.connect(server) };
    conn.client.catch(() => {
      if (this.connections.get(server.id) === conn) this.connections.delete(server.id);
    });
    this.connections.set(server.id, conn);
    return conn;
  }

  private async connect(server: McpServerRuntime): Promise<Client> {
    const client = new Client(CLIENT_INFO);
    if (server.transport === 'stdio') {
      if (!this.config.mcp.stdioAllowed) throw new McpStdioDisabledError();
      await client.connect(
        new StdioClientTransport({
          command: server.command ?? '',
          args: server.args,
          stderr: 'ignore',
        }),
        { timeout: this.timeoutMs(server) },
      );
    } else {
      await client.connect(
        new StreamableHTTPClientTransport(new URL(server.url ?? ''), {
          requestInit: { headers: server.headers },
        }),
        { timeout: this.timeoutMs(server) },
      );
    }
    return client;
  }

  /** A tool's own failure (an MCP error answer) keeps the connection; a transport failure drops it. */
  private dropIfBroken(id: string, conn: Connection, err: unknown): void {
    // JSON-RPC error codes are negative; -32000 (connection closed) and -32001 (timeout) are the SDK's
    // own, for a connection that may be dead.
    const code = (err as { code?: unknown }).code;
    const mcpAnswer = typeof code === 'number' && code < 0 && code !== -32000 && code !== -32001;
    if (mcpAnswer || this.connections.get(id) !== conn) return;
    this.connections.delete(id);
    void this.close(conn);
  }

  private async close(conn: Connection): Promise<void> {
    try {
      await (await conn.client).close();
    } catch (err) {
      this.logger.debug(`Closing an MCP connection: ${(err as Error).message}`);
    }
  }

  private timeoutMs(server: McpServerRuntime): number {
    return server.timeoutMs ?? this.config.mcp.timeoutMs;
  }
}
