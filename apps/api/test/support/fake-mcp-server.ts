import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';

const TOOLS = [
  {
    name: 'add',
    description: 'Adds two numbers',
    inputSchema: {
      type: 'object' as const,
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    },
  },
  {
    name: 'echo',
    description: 'Says the text back',
    inputSchema: { type: 'object' as const, properties: { text: { type: 'string' } } },
  },
  { name: 'broken', description: 'Always fails', inputSchema: { type: 'object' as const } },
];

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch (err) {
        reject(err as Error);
      }
    });
    req.on('error', reject);
  });
}

/** A real MCP server (the official SDK, streamable HTTP, stateless) that wants a bearer token. */
export class FakeMcpServer {
  readonly calls: { tool: string; args: unknown }[] = [];
  readonly authorizations: (string | undefined)[] = [];
  private http?: HttpServer;

  constructor(private readonly token: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.http?.address() as AddressInfo).port}/mcp`;
  }

  async start(): Promise<this> {
    this.http = createServer((req, res) => {
      this.authorizations.push(req.headers.authorization);
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
        return;
      }
      const server = this.mcpServer();
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      void (async () => {
        await server.connect(transport);
        await transport.handleRequest(
          req,
          res,
          req.method === 'POST' ? await readJson(req) : undefined,
        );
      })();
    });
    await new Promise<void>((r) => this.http?.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop(): Promise<void> {
    this.http?.closeAllConnections();
    await new Promise((r) => this.http?.close(r));
  }

  private mcpServer(): Server {
    const server = new Server({ name: 'calc', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOLS }));
    server.setRequestHandler(CallToolRequestSchema, (request): CallToolResult => {
      const args = request.params.arguments ?? {};
      this.calls.push({ tool: request.params.name, args });
      switch (request.params.name) {
        case 'add':
          return { content: [{ type: 'text', text: String(Number(args.a) + Number(args.b)) }] };
        case 'echo':
          return { content: [{ type: 'text', text: String(args.text) }] };
        default:
          return { content: [{ type: 'text', text: 'the tool broke' }], isError: true };
      }
    });
    return server;
  }
}
