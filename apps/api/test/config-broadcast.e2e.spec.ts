import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server';
import { FakeOpenAiUpstream } from './support/fake-openai-upstream';
import { freePort } from './support/free-port';
import { api } from './support/test-app';

const REDIS_URL =
  process.env.REDIS_URL_FOR_TESTS ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_KEY = 'test-admin-key-config-broadcast-0123';
const asAdmin = { authorization: `Bearer ${ADMIN_KEY}` };

function replicaEnv(name: string, upstream: FakeOpenAiUpstream, redisUrl = REDIS_URL) {
  const dataDir = mkdtempSync(join(tmpdir(), `gw-broadcast-${name}-`));
  chmodSync(dataDir, 0o755);
  return {
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    REDIS_URL: redisUrl,
    ENCRYPTION_KEY: 'd'.repeat(64),
    ADMIN_API_KEY: ADMIN_KEY,
    DATA_DIR: dataDir,
    // Ten minutes: within a test, only the broadcast can bring a change to the other replica.
    CREDENTIALS_REFRESH_MS: '600000',
    OPENAI_API_KEY: 'sk-upstream-test',
    OPENAI_BASE_URL: upstream.baseUrl,
  };
}

/** The status of one chat completion through `replica` with `apiKey` (200, or the SDK's error status). */
function ask(replica: ChildServer, apiKey: string): Promise<number> {
  return new OpenAI({ baseURL: `${replica.url}/v1`, apiKey, maxRetries: 0 }).chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => 200,
      (e: InstanceType<typeof OpenAI.APIError>) => e.status ?? 0,
    );
}

/**
 * The status `replica` answers for `apiKey` once it is `expected`, asking again for up to 3 s: the
 * management API answers once the change is saved and applied where it was made; the other replicas
 * apply it when the broadcast arrives, a few milliseconds later (more on a loaded machine). With the
 * periodic reload at ten minutes, only the broadcast can make it happen within the test.
 */
async function soon(replica: ChildServer, apiKey: string, expected: number): Promise<number> {
  const until = Date.now() + 3_000;
  let status = await ask(replica, apiKey);
  while (status !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    status = await ask(replica, apiKey);
  }
  return status;
}

// Two API processes (the built product) share Postgres and Redis with a full reload every ten minutes:
// a change made through one replica's management API works on the other with its very first request.
describe('configuration changes broadcast over Redis between replicas', () => {
  let upstream: FakeOpenAiUpstream;
  let a: ChildServer;
  let b: ChildServer;
  let userId: string;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    [a, b] = [
      await startChildServer(replicaEnv('a', upstream)),
      await startChildServer(replicaEnv('b', upstream)),
    ];
    userId = (await api(a.url, 'POST', '/auth/join')).body.id;
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await upstream?.stop();
  });

  async function createGateway(name: string): Promise<{ gateway_id: string; secret: string }> {
    const created = await api(a.url, 'POST', '/gateway/create', { userId, body: { name } });
    expect(created.status).toBe(200);
    return created.body;
  }

  it('a gateway created on A answers on B at once, and its regenerated secret replaces the old one there', async () => {
    const gw = await createGateway('broadcast');
    expect(await soon(b, gw.secret, 200)).toBe(200);

    const regenerated = await api(a.url, 'POST', `/gateway/${gw.gateway_id}/regenerate`, {
      userId,
    });
    expect(regenerated.status).toBe(200);
    expect(await soon(b, gw.secret, 401)).toBe(401);
    expect(await soon(b, regenerated.body.secret, 200)).toBe(200);

    expect((await api(a.url, 'DELETE', `/gateway/${gw.gateway_id}`, { userId })).status).toBe(204);
    expect(await soon(b, regenerated.body.secret, 401)).toBe(401);
  });

  it('a key created on A works on B at once; disabled or deleted on A, B refuses it at once', async () => {
    const gw = await createGateway('keys');
    const createKey = async (name: string) => {
      const res = await api(a.url, 'POST', `/gateway/${gw.gateway_id}/keys`, {
        userId,
        body: { name },
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; key: string };
    };
    const revoked = await createKey('revoked');
    const deleted = await createKey('deleted');
    expect(await soon(b, revoked.key, 200)).toBe(200);
    expect(await soon(b, deleted.key, 200)).toBe(200);

    const disable = await api(a.url, 'PATCH', `/gateway/${gw.gateway_id}/keys/${revoked.id}`, {
      userId,
      body: { enabled: false },
    });
    expect(disable.status).toBe(200);
    expect(await soon(b, revoked.key, 403)).toBe(403);

    const removed = await api(a.url, 'DELETE', `/gateway/${gw.gateway_id}/keys/${deleted.id}`, {
      userId,
    });
    expect(removed.status).toBe(204);
    expect(await soon(b, deleted.key, 401)).toBe(401);
  });

  it('a provider added on A routes on B within moments', async () => {
    const gw = await createGateway('providers');
    const onB = new OpenAI({ baseURL: `${b.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const listed = async () => (await onB.models.list()).data.map((m) => m.id);
    // The environment's models until the gateway has a provider of its own (B builds its list now).
    expect(await listed()).toContain('gpt-4o-mini');
    const provider = await api(a.url, 'POST', `/gateway/${gw.gateway_id}/providers`, {
      userId,
      body: { provider: 'groq', api_key: 'sk-upstream-test', base_url: upstream.baseUrl },
    });
    expect(provider.status).toBe(201);
    let models = await listed();
    for (const until = Date.now() + 3_000; !models.includes('llama-3.3-70b-versatile');) {
      if (Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 25));
      models = await listed();
    }
    expect(models).toContain('llama-3.3-70b-versatile');
    expect(models).not.toContain('gpt-4o-mini');
    const answer = await onB.chat.completions.create({
      model: 'groq/llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.choices[0].message.content).toMatch(/\S/);
    expect(upstream.requests.at(-1)!.body.model).toBe('llama-3.3-70b-versatile');
  });

  it('an owner disabled on A is refused on B within moments, and serves again once enabled', async () => {
    const owner = (await api(a.url, 'POST', '/auth/join')).body.id as string;
    const gw = (
      await api(a.url, 'POST', '/gateway/create', { userId: owner, body: { name: 'owner' } })
    ).body as { secret: string };
    expect(await soon(b, gw.secret, 200)).toBe(200);
    const disable = await api(a.url, 'PATCH', `/admin/users/${owner}`, {
      headers: asAdmin,
      body: { disabled: true },
    });
    expect(disable.status).toBe(200);
    expect(await soon(b, gw.secret, 403)).toBe(403);
    await api(a.url, 'PATCH', `/admin/users/${owner}`, {
      headers: asAdmin,
      body: { disabled: false },
    });
    expect(await soon(b, gw.secret, 200)).toBe(200);
  });
});

// REDIS_URL set but nothing listening: management requests and the proxy work as before.
describe('configuration broadcast with Redis unreachable', () => {
  let upstream: FakeOpenAiUpstream;
  let replica: ChildServer;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    replica = await startChildServer(replicaEnv('no-redis', upstream, deadRedis));
  });
  afterAll(async () => {
    await replica?.stop();
    await upstream?.stop();
  });

  it('answers management requests without waiting for Redis, and the change applies locally', async () => {
    const userId = (await api(replica.url, 'POST', '/auth/join')).body.id;
    const started = Date.now();
    const gw = await api(replica.url, 'POST', '/gateway/create', { userId, body: { name: 'x' } });
    const key = await api(replica.url, 'POST', `/gateway/${gw.body.gateway_id}/keys`, {
      userId,
      body: { name: 'k' },
    });
    // Each Redis command would give up after 1 s: the answers did not wait for one.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect([gw.status, key.status]).toEqual([200, 201]);
    expect(await ask(replica, gw.body.secret)).toBe(200);
    expect(await ask(replica, key.body.key)).toBe(200);
  });
});
