import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  ErrorCode as McpErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { EventSink, type RequestEvent } from '@gateway/analytics';
import { DomainError } from '../../common/domain-errors';
import { KeyAdmission } from '../keys/key-admission';
import { CallerAuth } from '../proxy/caller-auth';
import type { Caller } from '../proxy/proxy-exchange';
import { McpDirectory, type McpServerRuntime } from './mcp-directory';
import { gatewayToolName, splitToolName, toolAllowed } from './mcp-tool-names';
import { McpUpstreams } from './mcp-upstreams';

const SERVER_INFO = { name: 'llm-gateway', version: '0.1.0' };
type Query = Record<string, string>;

/**
 * The gateway's own MCP endpoint (streamable HTTP, stateless): authenticated like the proxy (gateway
 * secret or key in any SDK's place), it offers the tools of every server the gateway registered as
 * `<server>__<tool>`, narrowed to the key's `allowed_tools`, and records each tool call in analytics.
 */
@Injectable()
export class McpGatewayService {
  private readonly logger = new Logger(McpGatewayService.name);

  constructor(
    private readonly auth: CallerAuth,
    private readonly admission: KeyAdmission,
    private readonly directory: McpDirectory,
    private readonly upstreams: McpUpstreams,
    private readonly recorder: EventSink,
  ) {}

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    query: Query,
    body: unknown,
  ): Promise<void> {
    let caller: Caller;
    try {
      caller = this.auth.authenticate({ headers: req.headers, query });
      if (caller.key) this.admission.authorize(caller.key);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      writeJsonRpcError(res, err.status, err.message);
      return;
    }
    const server = this.serverFor(caller);
    // Stateless: one MCP server object per HTTP request, as the SDK recommends without sessions.
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  private serverFor(caller: Caller): Server {
    const server = new Server(SERVER_INFO, { capabilities: { tools: { listChanged: false } } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: await this.listTools(caller),
    }));
    server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
      this.callTool(caller, request.params.name, request.params.arguments, extra.signal),
    );
    return server;
  }

  private async listTools(caller: Caller): Promise<Tool[]> {
    const allowed = caller.key?.allowedTools ?? [];
    const servers = this.directory.servers(caller.identity.gatewayId);
    const lists = await Promise.all(
      servers.map(async (s) => {
        try {
          return (await this.upstreams.listTools(s)).map((t) => ({
            ...t,
            name: gatewayToolName(s.name, t.name),
          }));
        } catch (err) {
          // One unreachable server must not hide every other server's tools.
          this.logger.warn(
            `MCP server '${s.name}' did not list its tools: ${(err as Error).message}`,
          );
          return [];
        }
      }),
    );
    return lists.flat().filter((t) => toolAllowed(allowed, t.name));
  }

  private async callTool(
    caller: Caller,
    name: string,
    args: Record<string, unknown> | undefined,
    signal: AbortSignal,
  ): Promise<CallToolResult> {
    const started = performance.now();
    const parts = splitToolName(name);
    const server = parts
      ? this.directory.servers(caller.identity.gatewayId).find((s) => s.name === parts.server)
      : undefined;
    const record = (status: number, errorType: string | null, message: string | null) =>
      this.record(caller, name, server, parts?.tool ?? name, started, status, errorType, message);

    if (!parts || !server) {
      record(404, 'tool_not_found', `Unknown tool '${name}'`);
      throw new McpError(McpErrorCode.InvalidParams, `Unknown tool '${name}'`);
    }
    if (caller.key && !toolAllowed(caller.key.allowedTools, name)) {
      const message = `The key '${caller.key.name}' may not use the tool '${name}'`;
      record(403, 'tool_not_allowed', message);
      throw new McpError(McpErrorCode.InvalidParams, message);
    }
    try {
      const result = await this.upstreams.callTool(server, parts.tool, args, signal);
      record(200, result.isError ? 'tool_error' : null, result.isError ? firstText(result) : null);
      return result;
    } catch (err) {
      if (err instanceof McpError && err.code !== McpErrorCode.RequestTimeout) {
        // The server answered with a protocol error (bad arguments, unknown tool): pass it on as is.
        record(400, 'tool_rejected', err.message);
        throw err;
      }
      const timedOut = err instanceof McpError && err.code === McpErrorCode.RequestTimeout;
      const message = `The MCP server '${server.name}' failed: ${(err as Error).message}`;
      record(timedOut ? 504 : 502, timedOut ? 'upstream_timeout' : 'upstream_error', message);
      // A failure of the tool's server is the tool's failure: the model sees it and can react.
      return { content: [{ type: 'text', text: message }], isError: true };
    }
  }

  private record(
    caller: Caller,
    name: string,
    server: McpServerRuntime | undefined,
    tool: string,
    started: number,
    status: number,
    errorType: string | null,
    errorMessage: string | null,
  ): void {
    const latencyMs = Math.round(performance.now() - started);
    const event: RequestEvent = {
      timestamp: Date.now(),
      requestId: randomUUID(),
      gatewayId: caller.identity.gatewayId,
      keyId: caller.key?.id ?? null,
      userId: caller.identity.userId,
      endpoint: '/mcp',
      operation: 'mcp_tool',
      clientFormat: 'mcp',
      provider: server ? `mcp:${server.name}` : 'mcp',
      requestedModel: name,
      upstreamModel: tool,
      stream: false,
      status,
      errorType,
      errorMessage,
      tokensIn: 0,
      tokensOut: 0,
      tokensCached: 0,
      tokensReasoning: 0,
      // A call the server ran costs its price; refusals never reached it.
      costUsd: status === 200 || status >= 500 ? (server?.pricePerCallUsd ?? null) : 0,
      latencyMs,
      ttftMs: null,
      upstreamLatencyMs: status === 200 ? latencyMs : null,
      attempts: server && status !== 403 ? 1 : 0,
    };
    this.recorder.record(event);
  }
}

function firstText(result: CallToolResult): string | null {
  const text = result.content.find((c) => c.type === 'text');
  return text && text.type === 'text' ? text.text.slice(0, 1000) : null;
}

function writeJsonRpcError(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    error: { code: status === 401 ? -32001 : -32000, message },
    id: null,
  });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(status === 401 ? { 'www-authenticate': 'Bearer realm="llm-gateway"' } : {}),
  });
  res.end(body);
}
