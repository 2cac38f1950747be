import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as PgClient } from 'pg';
import type { RunningServer } from '../src/server';
import { FakeMcpServer } from './support/fake-mcp-server';
import { api, startTestApp } from './support/test-app';

const UPSTREAM_TOKEN = 'mcp-upstream-secret-0123456789';

async function connect(url: string, credential: string): Promise<Client> {
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${credential}` } },
    }),
  );
  return client;
}

interface LogItem {
  endpoint: string;
  client_format: string;
  provider: string;
  requested_model: string;
  status: number;
  cost_usd: number | null;
  key_id: string | null;
}

describe('MCP gateway', () => {
  let app: RunningServer;
  let upstream: FakeMcpServer;
  let userId: string;
  let gatewayId: string;
  let secret: string;
  let serverId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    upstream = await new FakeMcpServer(UPSTREAM_TOKEN).start();
    app = await startTestApp();
    userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'mcp' } }))
      .body;
    gatewayId = gw.gateway_id;
    secret = gw.secret;
    const created = await api(app.url, 'POST', `/gateway/${gatewayId}/mcp-servers`, {
      userId,
      body: {
        name: 'calc',
        url: upstream.url,
        headers: { Authorization: `Bearer ${UPSTREAM_TOKEN}` },
        price_per_call_usd: 0.002,
      },
    });
    expect(created.status).toBe(201);
    serverId = created.body.id;
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await app?.close();
    await upstream?.stop();
  });

  it('stores the server credentials encrypted and shows only the header names', async () => {
    const listed = await api(app.url, 'GET', `/gateway/${gatewayId}/mcp-servers`, { userId });
    expect(listed.status).toBe(200);
    expect(listed.body.servers).toEqual([
      expect.objectContaining({ name: 'calc', transport: 'http', header_names: ['Authorization'] }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(UPSTREAM_TOKEN);
    const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
    try {
      const rows = await pg.query('SELECT * FROM mcp_servers WHERE id = $1', [serverId]);
      expect(rows.rowCount).toBe(1);
      expect(JSON.stringify(rows.rows)).not.toContain(UPSTREAM_TOKEN);
    } finally {
      await pg.end();
    }
  });

  it("lists the server's tools under the gateway's names from the management API", async () => {
    const tools = await api(app.url, 'GET', `/gateway/${gatewayId}/mcp-servers/${serverId}/tools`, {
      userId,
    });
    expect(tools.status).toBe(200);
    expect(tools.body.tools.map((t: { name: string }) => t.name)).toEqual([
      'calc__add',
      'calc__echo',
      'calc__broken',
    ]);
  });

  it('refuses a second server with the same name, bad names and a stranger', async () => {
    const dup = await api(app.url, 'POST', `/gateway/${gatewayId}/mcp-servers`, {
      userId,
      body: { name: 'calc', url: upstream.url },
    });
    expect(dup.status).toBe(409);
    const bad = await api(app.url, 'POST', `/gateway/${gatewayId}/mcp-servers`, {
      userId,
      body: { name: 'a__b', url: upstream.url },
    });
    expect(bad.status).toBe(400);
    const stdio = await api(app.url, 'POST', `/gateway/${gatewayId}/mcp-servers`, {
      userId,
      body: { name: 'local', transport: 'stdio', command: 'node' },
    });
    expect(stdio.status).toBe(400);
    expect(stdio.body.error.message).toContain('MCP_STDIO_ALLOWED');
    const stranger = (await api(app.url, 'POST', '/auth/join')).body.id;
    const other = await api(app.url, 'GET', `/gateway/${gatewayId}/mcp-servers`, {
      userId: stranger,
    });
    expect(other.status).toBe(404);
  });

  it('lets an MCP client list and call tools with the gateway secret', async () => {
    const client = await connect(app.url, secret);
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['calc__add', 'calc__broken', 'calc__echo']);
    expect(tools.find((t) => t.name === 'calc__add')?.inputSchema.required).toEqual(['a', 'b']);
    const sum = await client.callTool({ name: 'calc__add', arguments: { a: 2, b: 3 } });
    expect(sum.content).toEqual([{ type: 'text', text: '5' }]);
    expect(upstream.calls.at(-1)).toEqual({ tool: 'add', args: { a: 2, b: 3 } });
    const broken = await client.callTool({ name: 'calc__broken', arguments: {} });
    expect(broken.isError).toBe(true);
    // The server's credential went upstream, never the caller's.
    expect(upstream.authorizations.every((a) => a === `Bearer ${UPSTREAM_TOKEN}`)).toBe(true);
  });

  it('narrows a key to its allowed tools and refuses the others', async () => {
    const key = await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
      userId,
      body: { name: 'agent', allowed_tools: ['calc__add'] },
    });
    expect(key.status).toBe(201);
    expect(key.body.allowed_tools).toEqual(['calc__add']);
    const client = await connect(app.url, key.body.key);
    clients.push(client);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['calc__add']);
    const sum = await client.callTool({ name: 'calc__add', arguments: { a: 40, b: 2 } });
    expect(sum.content).toEqual([{ type: 'text', text: '42' }]);
    const before = upstream.calls.length;
    await expect(
      client.callTool({ name: 'calc__echo', arguments: { text: 'hi' } }),
    ).rejects.toThrow(/may not use the tool 'calc__echo'/);
    await expect(client.callTool({ name: 'nothing__here', arguments: {} })).rejects.toThrow(
      /Unknown tool/,
    );
    expect(upstream.calls.length).toBe(before);
  });

  it('answers 401 to a wrong credential, and refuses a disabled key', async () => {
    await expect(connect(app.url, 'gw-not-a-secret')).rejects.toThrow(/401|Invalid gateway/);
    const key = await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
      userId,
      body: { name: 'off', enabled: false },
    });
    await expect(connect(app.url, key.body.key)).rejects.toThrow(/403|disabled/);
  });

  it('records every tool call in analytics with the server, the tool and its price', async () => {
    const started = Date.now();
    let items: LogItem[] = [];
    while (Date.now() - started < 5000) {
      items = (
        await api(app.url, 'GET', `/analytics/gateway/${gatewayId}/logs?limit=100`, { userId })
      ).body.items;
      if (items.length >= 5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const calls = items.filter((i) => i.endpoint === '/mcp');
    const byStatus = (s: number) => calls.filter((i) => i.status === s);
    expect(
      byStatus(200)
        .map((i) => i.requested_model)
        .sort(),
    ).toEqual(['calc__add', 'calc__add', 'calc__broken']);
    for (const ok of byStatus(200)) {
      expect(ok.client_format).toBe('mcp');
      expect(ok.provider).toBe('mcp:calc');
      expect(ok.cost_usd).toBeCloseTo(0.002, 6);
    }
    expect(byStatus(403).map((i) => i.requested_model)).toEqual(['calc__echo']);
    expect(byStatus(403)[0].cost_usd).toBe(0);
    expect(byStatus(404).map((i) => i.requested_model)).toEqual(['nothing__here']);
  });

  it('drops a deleted server from the endpoint at once', async () => {
    const del = await api(app.url, 'DELETE', `/gateway/${gatewayId}/mcp-servers/${serverId}`, {
      userId,
    });
    expect(del.status).toBe(204);
    const client = await connect(app.url, secret);
    clients.push(client);
    expect((await client.listTools()).tools).toEqual([]);
  });
});

describe('MCP gateway with stdio servers (MCP_STDIO_ALLOWED=true)', () => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startTestApp({ MCP_STDIO_ALLOWED: 'true' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('runs a local command as an MCP server and offers its tools', async () => {
    const userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'stdio' } }))
      .body;
    const created = await api(app.url, 'POST', `/gateway/${gw.gateway_id}/mcp-servers`, {
      userId,
      body: {
        name: 'local',
        transport: 'stdio',
        command: process.execPath,
        args: [require.resolve('./support/stdio-mcp-server.js')],
      },
    });
    expect(created.status).toBe(201);
    const client = await connect(app.url, gw.secret);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['local__pid']);
      const result = await client.callTool({ name: 'local__pid', arguments: {} });
      expect(result.content).toEqual([{ type: 'text', text: expect.stringMatching(/^pid \d+$/) }]);
    } finally {
      await client.close();
    }
  });
});
