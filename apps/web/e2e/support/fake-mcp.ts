import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMcp {
  url: string;
  /** Authorization headers received, to check the stored credential went upstream. */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

/**
 * The smallest MCP server a streamable-HTTP client accepts: JSON answers to `initialize` and
 * `tools/list`, 202 to notifications. The API's own tests use the official SDK's server; this keeps the
 * dashboard's test free of that dependency.
 */
export async function startFakeMcp(): Promise<FakeMcp> {
  const authorizations: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const msg = JSON.parse(text) as { id?: number; method: string; params?: unknown };
      if (msg.id === undefined) {
        res.writeHead(202).end();
        return;
      }
      const result =
        msg.method === 'initialize'
          ? {
              protocolVersion: (msg.params as { protocolVersion: string }).protocolVersion,
              capabilities: { tools: {} },
              serverInfo: { name: 'fake-docs', version: '1.0.0' },
            }
          : msg.method === 'tools/list'
            ? {
                tools: [
                  {
                    name: 'search',
                    description: 'Search the docs',
                    inputSchema: { type: 'object' },
                  },
                ],
              }
            : undefined;
      const body = result
        ? { jsonrpc: '2.0', id: msg.id, result }
        : { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'no such method' } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    authorizations,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
