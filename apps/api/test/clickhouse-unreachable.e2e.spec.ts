import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startChildServer, type ChildServer } from './support/child-server';
import { FakeOpenAiUpstream } from './support/fake-openai-upstream';
import { freePort } from './support/free-port';
import { api } from './support/test-app';

// Loaded into the child with --require: at exit, writes which of these packages the process had loaded.
const PROBE = `
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((k) =>
    /[\\\\/]node_modules[\\\\/](chdb|@opentelemetry)[\\\\/]/.test(k),
  );
  require('node:fs').writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(loaded));
});
`;

describe('CLICKHOUSE_URL pointing at a server that is down (the built product)', () => {
  let upstream: FakeOpenAiUpstream;
  let server: ChildServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'gw-ch-down-'));
  const loadedFile = join(dir, 'loaded.json');

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    writeFileSync(join(dir, 'probe.js'), PROBE);
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await upstream?.stop();
  });

  it('starts, serves proxy traffic, reports analytics down, and never loads chDB', async () => {
    // A port nothing listens on: every connection is refused.
    const closed = await freePort();
    server = await startChildServer({
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      CLICKHOUSE_URL: `http://127.0.0.1:${closed}`,
      DATA_DIR: join(dir, 'data'),
      ENCRYPTION_KEY: 'd'.repeat(64),
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
      NODE_OPTIONS: `--require ${join(dir, 'probe.js')}`,
      LOADED_MODULES_FILE: loadedFile,
    });
    // Said by the analytics process (it owns the store) as soon as its first attempt failed.
    for (let i = 0; i < 100 && !/ClickHouse is unreachable/.test(server.output()); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(server.output()).toMatch(/ClickHouse is unreachable .*serving anyway/);

    const ready = await api(server.url, 'GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ postgres: 'ok', analytics: 'down' });

    const userId = (await api(server.url, 'POST', '/auth/join')).body.id as string;
    const gw = (await api(server.url, 'POST', '/gateway/create', { userId, body: { name: 'x' } }))
      .body as { gateway_id: string; secret: string };
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: gw.secret, maxRetries: 0 });
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(res.choices[0].message.content).toBe('Hello from fake');

    // Analytics answers 503 (retry later), not 500; the recorded request waits on disk.
    const logs = await api(server.url, 'GET', `/analytics/gateway/${gw.gateway_id}/logs`, {
      userId,
    });
    expect(logs.status).toBe(503);
    let spooled = 0;
    for (let i = 0; i < 100 && spooled === 0; i++) {
      spooled = (await api(server.url, 'GET', '/ready')).body.details.analytics.spooled_rows;
      if (spooled === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(spooled).toBeGreaterThanOrEqual(1);

    // The embedded ClickHouse library is not mapped into the process.
    const maps = readFileSync(`/proc/${server.proc.pid}/maps`, 'utf8');
    expect(maps).not.toMatch(/chdb/i);

    expect(await server.stop()).toBe(0);
    server = undefined;
    expect(existsSync(loadedFile)).toBe(true);
    // Neither chDB nor (tracing being off) the OpenTelemetry SDK was ever required. (The small
    // @opentelemetry/api package is prom-client's, for its process metrics.)
    const loaded = JSON.parse(readFileSync(loadedFile, 'utf8')) as string[];
    expect(loaded.filter((k) => !/@opentelemetry[\\/]api[\\/]/.test(k))).toEqual([]);
  });
});
