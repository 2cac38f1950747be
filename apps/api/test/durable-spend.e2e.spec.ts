import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server';
import { FakeOpenAiUpstream } from './support/fake-openai-upstream';
import { api } from './support/test-app';

// FLUSHDB empties this whole database: it must be one no other test file uses at the same time
// (REDIS_URL_FOR_TESTS, else database 15).
const REDIS_URL = process.env.REDIS_URL_FOR_TESTS ?? 'redis://127.0.0.1:6379/15';

const DURABLE = [
  'input_tokens_per_day',
  'output_tokens_per_day',
  'budget_usd_per_day',
  'budget_usd_per_month',
] as const;

type Usage = Record<(typeof DURABLE)[number], number>;

/**
 * A key's token quotas and budgets survive a restart of the gateway (the built product, stopped
 * with SIGTERM and started again on the same database) and a Redis that loses everything: the
 * same spend is found, and the budget still refuses once it is exhausted.
 */
describe.each(['redis', 'memory'] as const)('durable spend, counters in %s', (store) => {
  let upstream: FakeOpenAiUpstream;
  let server: ChildServer;
  let redis: Redis | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), `gw-spend-${store}-`));
  chmodSync(dataDir, 0o755);
  const start = async () =>
    (server = await startChildServer({
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      ...(store === 'redis' ? { REDIS_URL } : {}),
      ENCRYPTION_KEY: 'd'.repeat(64),
      DATA_DIR: dataDir,
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
    }));

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    if (store === 'redis') redis = new Redis(REDIS_URL);
    await start();
  });
  afterAll(async () => {
    if (server?.proc.exitCode === null) await server.stop();
    redis?.disconnect();
    await upstream?.stop();
  });

  async function budgetedKey(name: string) {
    const userId = (await api(server.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(server.url, 'POST', '/gateway/create', { userId, body: { name } }))
      .body as { gateway_id: string };
    const created = await api(server.url, 'POST', `/gateway/${gw.gateway_id}/keys`, {
      userId,
      body: {
        name,
        limits: {
          budget_usd_per_day: 1,
          budget_usd_per_month: 5,
          input_tokens_per_day: 1_000_000,
          output_tokens_per_day: 1_000_000,
        },
      },
    });
    const path = `/gateway/${gw.gateway_id}/keys/${created.body.id}`;
    return {
      chat: () =>
        new OpenAI({
          baseURL: `${server.url}/v1`,
          apiKey: created.body.key,
          maxRetries: 0,
        }).chat.completions
          .create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'hi' }],
          })
          .then(
            () => ({ status: 200, message: '', retryAfter: null as string | null }),
            (e: InstanceType<typeof OpenAI.APIError>) => ({
              status: e.status ?? 0,
              message: e.message,
              retryAfter: e.headers?.get('retry-after') ?? null,
            }),
          ),
      usage: async (): Promise<Usage> => {
        const usage = (await api(server.url, 'GET', path, { userId })).body.usage as Usage;
        return Object.fromEntries(DURABLE.map((k) => [k, usage[k]])) as Usage;
      },
      /** Lowers the daily budget to exactly `n` requests' cost (one request costs `cost` USD). */
      budgetFor: (n: number, cost: number) =>
        api(server.url, 'PATCH', path, {
          userId,
          body: { limits: { budget_usd_per_day: (n * Math.round(cost * 1e9)) / 1e9 } },
        }),
    };
  }

  it('finds the same spend after a restart, and the budget still refuses once exhausted', async () => {
    const key = await budgetedKey(`restart-${store}`);
    expect((await key.chat()).status).toBe(200);
    expect((await key.chat()).status).toBe(200);
    const before = await key.usage();
    expect(before.input_tokens_per_day).toBe(22);
    expect(before.output_tokens_per_day).toBe(14);
    expect(before.budget_usd_per_day).toBeGreaterThan(0);
    expect(before.budget_usd_per_month).toBe(before.budget_usd_per_day);

    expect(await server.stop('SIGTERM')).toBe(0);
    await start();
    expect(await key.usage()).toEqual(before);

    const cost = before.budget_usd_per_day / 2;
    expect((await key.budgetFor(3, cost)).status).toBe(200);
    expect((await key.chat()).status).toBe(200);
    const refused = await key.chat();
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(
      /Budget of key 'restart-\w+' exhausted: [\d.e-]+ USD per day \(budget_usd_per_day\)/,
    );
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);

    expect(await server.stop('SIGTERM')).toBe(0);
    await start();
    expect((await key.chat()).status).toBe(429);
    expect((await key.usage()).input_tokens_per_day).toBe(33);
    expect((await key.usage()).budget_usd_per_day).toBeCloseTo(3 * cost, 12);
    expect(upstream.requests).toHaveLength(3);
  });

  if (store === 'redis') {
    it('re-seeds from Postgres when Redis is flushed between requests', async () => {
      upstream.requests.length = 0;
      const key = await budgetedKey('flushed');
      expect((await key.chat()).status).toBe(200);
      expect((await key.chat()).status).toBe(200);
      const before = await key.usage();
      await redis!.flushdb();
      expect(await key.usage()).toEqual(before);
      expect((await key.budgetFor(3, before.budget_usd_per_day / 2)).status).toBe(200);
      expect((await key.chat()).status).toBe(200);
      await redis!.flushdb();
      const refused = await key.chat();
      expect(refused.status).toBe(429);
      expect(refused.message).toMatch(/Budget of key 'flushed' exhausted/);
      expect((await key.usage()).input_tokens_per_day).toBe(33);
      expect(upstream.requests).toHaveLength(3);
    });
  }
});
