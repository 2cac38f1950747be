import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server';
import { FakeOpenAiUpstream, completion, sendJson } from './support/fake-openai-upstream';
import { api } from './support/test-app';

type Line = { level: string; context?: string; message: any };

/** The access line of a request id, once it is written (right after the answer is recorded). */
async function accessLine(server: ChildServer, requestId: string): Promise<Line | undefined> {
  for (let i = 0; i < 50; i++) {
    const found = server
      .output()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line)
      .find((l) => l.context === 'Access' && l.message?.request_id === requestId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

describe('LOG_FORMAT=json (the built server as a child process)', () => {
  let upstream: FakeOpenAiUpstream;
  let server: ChildServer;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    upstream.behaviour = (req, res) => sendJson(res, 200, completion(req.body.model, 'Hello'));
    server = await startChildServer({
      DATABASE_URL: process.env.DATABASE_URL!,
      ...(process.env.CLICKHOUSE_URL ? { CLICKHOUSE_URL: process.env.CLICKHOUSE_URL } : {}),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-json-')),
      ENCRYPTION_KEY: 'b'.repeat(64),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await upstream?.stop();
  });

  it('prints one JSON object per line, with an access line carrying the request id', async () => {
    const user = (await (await fetch(`${server.url}/auth/join`, { method: 'POST' })).json()) as {
      id: string;
    };
    const gw = (await (
      await fetch(`${server.url}/gateway/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': user.id },
        body: JSON.stringify({ name: 'json-logs' }),
      })
    ).json()) as { gateway_id: string; secret: string };
    // The secret also travels as ?key= on purpose: it must not reach the log.
    const client = new OpenAI({
      baseURL: `${server.url}/v1`,
      apiKey: gw.secret,
      defaultQuery: { key: gw.secret },
      maxRetries: 0,
    });
    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const requestId = response.headers.get('x-gateway-request-id');
    expect(requestId).toBeTruthy();

    const access = await accessLine(server, requestId!);
    expect(access).toMatchObject({
      level: 'log',
      message: {
        method: 'POST',
        path: '/v1/chat/completions',
        status: 200,
        gateway_id: gw.gateway_id,
        model: 'gpt-4o-mini',
        provider: 'openai',
        attempts: 1,
        request_id: requestId,
      },
    });
    expect(typeof access!.message.duration_ms).toBe('number');

    // A model list is a GET, and its line says so.
    const list = await client.models.list().withResponse();
    const listLine = await accessLine(server, list.response.headers.get('x-gateway-request-id')!);
    expect(listLine?.message).toMatchObject({ method: 'GET', path: '/v1/models', status: 200 });
    const out = server.output();
    // Every line, boot messages included, is one JSON object.
    for (const line of out.split('\n').filter(Boolean)) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(out).not.toContain(gw.secret);
    expect(out).not.toContain('sk-upstream-test');
  });

  it('adopts a client’s valid x-request-id as the request id: header, access line and log lookup', async () => {
    const userId = (await api(server.url, 'POST', '/auth/join')).body.id as string;
    const gw = (
      await api(server.url, 'POST', '/gateway/create', { userId, body: { name: 'request-ids' } })
    ).body as { gateway_id: string; secret: string };
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const ask = (headers: Record<string, string>) =>
      client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { headers })
        .withResponse();

    const mine = 'order-4711_retry.1';
    const first = await ask({ 'x-request-id': mine });
    expect(first.response.headers.get('x-gateway-request-id')).toBe(mine);
    const access = await accessLine(server, mine);
    expect(access?.message).toMatchObject({ request_id: mine, gateway_id: gw.gateway_id });
    const own = access!.message.gateway_request_id as string;
    expect(own).toMatch(/^[0-9a-f-]{36}$/);

    // The analytics row keeps the gateway's unique id and the client's: either finds it.
    const detail = async (id: string) => {
      for (let i = 0; i < 100; i++) {
        const r = await api(server.url, 'GET', `/analytics/gateway/${gw.gateway_id}/logs/${id}`, {
          userId,
        });
        if (r.status !== 404) return r;
        await new Promise((res) => setTimeout(res, 100));
      }
      throw new Error(`no log row for ${id}`);
    };
    const byClientId = await detail(mine);
    expect(byClientId.status).toBe(200);
    expect(byClientId.body).toMatchObject({
      request_id: own,
      client_request_id: mine,
      status: 200,
    });
    expect((await detail(own)).body).toMatchObject({ request_id: own, client_request_id: mine });

    // A reused id is another request (never deduplicated away); the lookup finds the newest.
    const again = await ask({ 'x-request-id': mine });
    expect(again.response.headers.get('x-gateway-request-id')).toBe(mine);
    const second = await secondAccess(server, mine, own);
    for (let i = 0; i < 100; i++) {
      const r = await detail(mine);
      if (r.body.request_id === second) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect((await detail(mine)).body.request_id).toBe(second);
    expect((await detail(own)).body.request_id).toBe(own);

    // Invalid ids are ignored, not refused: the gateway's own id is used.
    for (const bad of ['has space', 'x'.repeat(129), 'a,b', 'quote"d']) {
      const r = await ask({ 'x-request-id': bad });
      expect(r.response.status).toBe(200);
      expect(r.response.headers.get('x-gateway-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Errors carry the client's id too.
    const failed = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gw.secret}`,
        'content-type': 'application/json',
        'x-request-id': 'failing-two',
      },
      body: JSON.stringify({ model: 'no-such-model-1', messages: [] }),
    });
    expect(failed.headers.get('x-gateway-request-id')).toBe('failing-two');
  });
});

/** The gateway id of the second access line carrying `requestId` (the first has `first`). */
async function secondAccess(
  server: ChildServer,
  requestId: string,
  first: string,
): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const found = server
      .output()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line)
      .find(
        (l) =>
          l.context === 'Access' &&
          l.message?.request_id === requestId &&
          l.message?.gateway_request_id !== first,
      );
    if (found) return found.message.gateway_request_id as string;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no second access line for ${requestId}`);
}
