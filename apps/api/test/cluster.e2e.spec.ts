import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server';
import { FakeProviders } from './support/fake-providers';
import { api } from './support/test-app';

const REDIS = process.env.REDIS_URL_FOR_TESTS ?? 'redis://127.0.0.1:6379';

async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('WORKERS=2: two request processes behind one port (node cluster)', () => {
  let fake: FakeProviders;
  let server: ChildServer;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    server = await startChildServer({
      ...fake.env(),
      WORKERS: '2',
      LOG_LEVEL: 'info',
      REDIS_URL: REDIS,
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-cluster-')),
      ENCRYPTION_KEY: 'c'.repeat(64),
      // Only the workers' broadcast over Redis can bring a change made through one to the other.
      CREDENTIALS_REFRESH_MS: '600000',
    });
    await waitFor(() => /2 workers listening/.test(server.output()), 60_000);
  });

  afterAll(async () => {
    if (server?.proc.exitCode === null) await server.stop('SIGKILL');
    await fake?.stop();
  });

  it('serves through both workers, shares a key limit through Redis and records every request', async () => {
    const userId = (await api(server.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(server.url, 'POST', '/gateway/create', { userId, body: { name: 'c' } }))
      .body;
    const key = (
      await api(server.url, 'POST', `/gateway/${gw.gateway_id}/keys`, {
        userId,
        body: { name: 'five', limits: { rpm: 5 } },
      })
    ).body;
    // The worker that did not serve the creation learns of the gateway and key from the broadcast,
    // milliseconds later: a quarter of a second covers a loaded machine and is far from the reload.
    await new Promise((r) => setTimeout(r, 250));
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      ),
    );
    expect(answers.every((a) => a.choices[0].message.content)).toBe(true);

    // New connections each: the cluster hands them to the workers in turn.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key.key}`,
          'content-type': 'application/json',
          connection: 'close',
        },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }),
      });
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);

    await waitFor(async () => {
      const logs = await api(
        server.url,
        'GET',
        `/analytics/gateway/${gw.gateway_id}/logs?limit=100`,
        {
          userId,
        },
      );
      return logs.body.items?.length === 40;
    }, 10_000);
  });

  it('replaces a worker that dies, and stops cleanly on SIGTERM', async () => {
    const pids = [...server.output().matchAll(/\[Nest\] (\d+) /g)].map((m) => Number(m[1]));
    const workerPid = pids.find((p) => p !== server.proc.pid);
    expect(workerPid).toBeDefined();
    process.kill(workerPid!, 'SIGKILL');
    await waitFor(() => /Worker \d+ exited \(SIGKILL\)/.test(server.output()), 10_000);
    await waitFor(async () => (await fetch(`${server.url}/health`)).ok, 30_000);
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
