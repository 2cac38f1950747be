import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server';
import { FakeOpenAiUpstream } from './support/fake-openai-upstream';
import { api } from './support/test-app';

const REDIS_URL =
  process.env.REDIS_URL_FOR_TESTS ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Two API processes (the built product, as `npm start` runs it) share Postgres and Redis, like two
// replicas behind one address: a key's limit holds across both.
describe('two replicas sharing Redis', () => {
  let upstream: FakeOpenAiUpstream;
  const replicas: ChildServer[] = [];

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    const env = (name: string) => {
      const dataDir = mkdtempSync(join(tmpdir(), `gw-replica-${name}-`));
      chmodSync(dataDir, 0o755);
      return {
        DATABASE_URL: process.env.DATABASE_URL ?? '',
        REDIS_URL,
        ENCRYPTION_KEY: 'b'.repeat(64),
        DATA_DIR: dataDir,
        CREDENTIALS_REFRESH_MS: '300',
        OPENAI_API_KEY: 'sk-upstream-test',
        OPENAI_BASE_URL: upstream.baseUrl,
      };
    };
    replicas.push(await startChildServer(env('a')), await startChildServer(env('b')));
  });
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await upstream?.stop();
  });

  it('gives a 10-requests-per-minute key exactly 10 answers, then 429s, across both processes', async () => {
    const [a, b] = replicas;
    const userId = (await api(a.url, 'POST', '/auth/join')).body.id;
    const gw = (
      await api(a.url, 'POST', '/gateway/create', { userId, body: { name: 'replicated' } })
    ).body;
    const key = (
      await api(a.url, 'POST', `/gateway/${gw.gateway_id}/keys`, {
        userId,
        body: { name: 'shared', limits: { rpm: 10 } },
      })
    ).body.key as string;
    // The other replica learns about the new key on its next refresh.
    const clients = replicas.map(
      (r) => new OpenAI({ baseURL: `${r.url}/v1`, apiKey: key, maxRetries: 0 }),
    );
    for (let i = 0; i < 50; i++) {
      const ok = await fetch(`${b.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
      if (ok.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      const status = await clients[i % 2].chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `hi ${i}` }] })
        .then(
          () => 200,
          (e: InstanceType<typeof OpenAI.APIError>) => e.status ?? 0,
        );
      statuses.push(status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429, 429]);
    expect(upstream.requests).toHaveLength(10);
  });

  it('serves a stored response and its chain from the other replica right after it was made', async () => {
    const [a, b] = replicas;
    const userId = (await api(a.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(a.url, 'POST', '/gateway/create', { userId, body: { name: 'state' } }))
      .body;
    const provider = await api(a.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
      userId,
      body: { provider: 'groq', api_key: 'sk-upstream-test', base_url: upstream.baseUrl },
    });
    expect(provider.status).toBe(201);
    for (let i = 0; i < 50; i++) {
      const models = await api(b.url, 'GET', '/v1/models', {
        headers: { authorization: `Bearer ${gw.secret}` },
      });
      if (models.status === 200 && models.body.data.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [onA, onB] = [a, b].map(
      (r) => new OpenAI({ baseURL: `${r.url}/v1`, apiKey: gw.secret, maxRetries: 0 }),
    );
    const model = 'groq/llama-3.3-70b-versatile';
    const first = await onA.responses.create({ model, input: 'Hello there' });
    expect((await onB.responses.retrieve(first.id)).id).toBe(first.id);
    const second = await onB.responses.create({
      model,
      previous_response_id: first.id,
      input: 'And again',
    });
    expect(second.output_text).toMatch(/\S/);
    expect(upstream.requests.at(-1)!.body.messages.map((m: { role: string }) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
  });

  it('keeps a budget exact across both: the same spend in Redis and, after both stop, in Postgres', async () => {
    const [a, b] = replicas;
    const userId = (await api(a.url, 'POST', '/auth/join')).body.id;
    const gw = (await api(a.url, 'POST', '/gateway/create', { userId, body: { name: 'spend' } }))
      .body;
    const keyOf = async (name: string) =>
      (
        await api(a.url, 'POST', `/gateway/${gw.gateway_id}/keys`, {
          userId,
          body: { name, limits: { budget_usd_per_day: 10, input_tokens_per_day: 1_000_000 } },
        })
      ).body as { id: string; key: string };
    const single = await keyOf('single');
    const shared = await keyOf('shared');
    for (let i = 0; i < 50; i++) {
      const ok = await fetch(`${b.url}/v1/models`, {
        headers: { authorization: `Bearer ${shared.key}` },
      });
      if (ok.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ask = (r: ChildServer, key: string) =>
      new OpenAI({ baseURL: `${r.url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
    const usageOf = async (r: ChildServer, id: string) =>
      (await api(r.url, 'GET', `/gateway/${gw.gateway_id}/keys/${id}`, { userId })).body.usage;
    await ask(a, single.key);
    const costNano = Math.round((await usageOf(a, single.id)).budget_usd_per_day * 1e9);
    // 24 requests, 4 at a time on each replica.
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => ask(replicas[i % 2], shared.key)));
    }
    for (const r of replicas) {
      const usage = await usageOf(r, shared.id);
      expect(Math.round(usage.budget_usd_per_day * 1e9)).toBe(24 * costNano);
      expect(usage.input_tokens_per_day).toBe(24 * 11);
    }
    for (const r of replicas) expect(await r.stop()).toBe(0);
    const { DataSource } = await import('typeorm');
    const ds = await new DataSource({
      type: 'postgres',
      url: process.env.DATABASE_URL,
    }).initialize();
    try {
      const rows: { counter: string; used: string }[] = await ds.query(
        `SELECT "counter", "used" FROM "limit_usage" WHERE "subject_kind" = 'key' AND "subject_id" = $1 ORDER BY "counter"`,
        [shared.id],
      );
      expect(rows).toEqual([
        { counter: 'budget_usd_per_day', used: String(24 * costNano) },
        { counter: 'input_tokens_per_day', used: String(24 * 11) },
      ]);
    } finally {
      await ds.destroy();
    }
  });
});
