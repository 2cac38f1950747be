import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../src/server';
import { FakeProviders } from './support/fake-providers';
import { api, startTestApp } from './support/test-app';

// A model name with a lone surrogate once made the ClickHouse insert fail; the failed batch was replayed
// first forever, so nothing recorded after it (any gateway) was ever written, even after a restart.
describe('analytics survive a request whose model name is not valid UTF-16', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-poison-'));
  let upstream: FakeProviders;
  let app: RunningServer | undefined;

  beforeAll(async () => {
    upstream = await new FakeProviders().start();
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
  });

  const boot = async () => {
    app = await startTestApp({ ...upstream.env(), DATA_DIR: dataDir });
    return app;
  };

  // Raw JSON, so the body carries the escape `\ud800` exactly as a client could send it.
  const chat = (url: string, secret: string, modelJson: string) =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: `{"model":${modelJson},"messages":[{"role":"user","content":"hi"}]}`,
    });

  const recordedIds = async (url: string, userId: string, gatewayId: string) => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const res = await fetch(
      `${url}/analytics/gateway/${gatewayId}/export?from=${from}&to=${to}&format=json`,
      { headers: { 'x-user-id': userId } },
    );
    expect(res.status).toBe(200);
    return new Set(
      (JSON.parse(await res.text()) as { request_id: string }[]).map((r) => r.request_id),
    );
  };

  async function waitForIds(url: string, userId: string, gatewayId: string, ids: string[]) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const got = await recordedIds(url, userId, gatewayId);
      const missing = ids.filter((id) => !got.has(id));
      if (missing.length === 0 || Date.now() > deadline) return missing;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('records every normal request after it, also after a restart on the same DATA_DIR', async () => {
    let server = await boot();
    const userId = (await api(server.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(server.url, 'POST', '/gateway/create', { userId, body: { name: 'p' } }))
      .body;
    const other = (
      await api(server.url, 'POST', '/gateway/create', { userId, body: { name: 'other' } })
    ).body;

    const poisoned = await chat(server.url, gw.secret, '"gpt-4o-mini\\ud800"');
    const poisonedId = poisoned.headers.get('x-gateway-request-id');
    await poisoned.text();
    const ids: string[] = [];
    const otherIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      for (const [g, list] of [
        [gw, ids],
        [other, otherIds],
      ] as const) {
        const res = await chat(server.url, g.secret, '"gpt-4o-mini"');
        expect(res.status).toBe(200);
        list.push(res.headers.get('x-gateway-request-id')!);
        await res.text();
      }
    }
    expect(await waitForIds(server.url, userId, gw.gateway_id, ids)).toEqual([]);
    expect(await waitForIds(server.url, userId, other.gateway_id, otherIds)).toEqual([]);
    if (poisonedId) {
      // It is recorded too, its model name repaired (U+FFFD) rather than dropped.
      expect((await recordedIds(server.url, userId, gw.gateway_id)).has(poisonedId)).toBe(true);
    }

    await server.close();
    app = undefined;
    server = await boot();
    for (let i = 0; i < 3; i++) {
      const res = await chat(server.url, gw.secret, '"gpt-4o-mini"');
      expect(res.status).toBe(200);
      ids.push(res.headers.get('x-gateway-request-id')!);
      await res.text();
    }
    expect(await waitForIds(server.url, userId, gw.gateway_id, ids)).toEqual([]);
  });
});
