import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server';
import { FakeOpenAiUpstream, completion, sendJson } from './support/fake-openai-upstream';

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

    // The access line is written when the request is recorded, right after the answer: wait for it.
    type Line = { level: string; context?: string; message: any };
    let access: Line | undefined;
    for (let i = 0; i < 50 && !access; i++) {
      const lines = server.output().split('\n').filter(Boolean);
      access = lines
        .map((l) => JSON.parse(l) as Line)
        .find((l) => l.context === 'Access' && l.message?.request_id === requestId);
      if (!access) await new Promise((r) => setTimeout(r, 100));
    }
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
    const out = server.output();
    // Every line, boot messages included, is one JSON object.
    for (const line of out.split('\n').filter(Boolean)) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(out).not.toContain(gw.secret);
    expect(out).not.toContain('sk-upstream-test');
  });
});
