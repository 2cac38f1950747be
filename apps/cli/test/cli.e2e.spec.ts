import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { RunningServer } from '../../api/src/server';
import { FakeProviders } from '../../api/test/support/fake-providers';
import { api, startTestApp } from '../../api/test/support/test-app';

const REPO = join(__dirname, '..', '..', '..');
const BIN = join(__dirname, '..', 'bin', 'llm-gateway.mjs');
/** A loopback URL nobody listens on (a port just released). */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a child process (async: the API answers from this same process). */
function run(
  args: string[],
  env: Record<string, string> = {},
  opts: { stdin?: string; command?: string[]; cwd?: string } = {},
): Promise<Run> {
  const [cmd, ...pre] = opts.command ?? [process.execPath, BIN];
  const child = spawn(cmd, [...pre, ...args], {
    cwd: opts.cwd ?? REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('llm-gateway CLI against a running gateway', () => {
  let app: RunningServer;
  let fake: FakeProviders;
  let env: Record<string, string>;
  let userId: string;
  let gatewayId: string;
  let CLOSED: string;

  const chat = (secret: string) =>
    fetch(`${app.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    });
  const models = (secret: string) =>
    fetch(`${app.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });

  beforeAll(async () => {
    CLOSED = await closedUrl();
    fake = await new FakeProviders().start();
    app = await startTestApp(fake.env());
    userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    env = { GATEWAY_URL: app.url, GATEWAY_USER_ID: userId };
    gatewayId = (
      await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'fixture' } })
    ).body.gateway_id;
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
  });

  it('--help names the subcommands and the exit codes', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const sub of [
      'users',
      'login',
      'gateways',
      'keys',
      'providers',
      'routing',
      'analytics',
      'export',
      'doctor',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
    }
    expect(r.stdout).toContain('3  cannot connect');
    const sub = await run(['gateways', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/create \[options\]/);
    expect(sub.stdout).toMatch(/rotate/);
  });

  it('runs as `npx llm-gateway` from the repository root (the root package bin)', async () => {
    const r = await run(['--help'], {}, { command: ['npx', '--no-install', 'llm-gateway'] });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: llm-gateway');
  });

  it('gateways create --json prints id and secret, and the secret works on the proxy', async () => {
    // No credentials at all: the CLI joins as a new anonymous user first and says so on stderr.
    const r = await run(['gateways', 'create', '--name', 'from-cli', '--json'], {
      GATEWAY_URL: app.url,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      gateway_id: expect.any(String),
      secret: expect.stringMatching(/^gw-/),
      user_id: expect.any(String),
    });
    expect(r.stderr).toContain(`export GATEWAY_USER_ID=${out.user_id}`);

    expect((await models(out.secret)).status).toBe(200);
    const res = await chat(out.secret);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).choices[0].message.content).toBe('Hello from openai');

    // The printed user owns the gateway.
    const list = await run(['gateways', 'list', '--json'], {
      GATEWAY_URL: app.url,
      GATEWAY_USER_ID: out.user_id,
    });
    expect(JSON.parse(list.stdout).gateways.map((g: { id: string }) => g.id)).toEqual([
      out.gateway_id,
    ]);
  });

  it('gateways list prints a table; --json prints the API answer', async () => {
    const table = await run(['gateways', 'list'], env);
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+CREATED$/);
    expect(row).toMatch(new RegExp(`^${gatewayId}\\s+fixture\\s+\\d{4}-`));

    const json = await run(['--json', 'gateways', 'list'], env);
    const direct = await api(app.url, 'GET', '/gateway/list', { userId });
    expect(JSON.parse(json.stdout)).toEqual(direct.body);
  });

  it('gateways settings changes the Responses retention and refuses a negative one', async () => {
    const set = await run(
      ['--json', 'gateways', 'settings', gatewayId, '--responses-retention-days', '7'],
      env,
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      responses_retention_days: 7,
      log_bodies: false,
    });
    const shown = await run(['gateways', 'settings', gatewayId], env);
    expect(shown.stdout).toMatch(/^responses_retention_days\s+7$/m);
    const bad = await run(
      ['gateways', 'settings', gatewayId, '--responses-retention-days', '-1'],
      env,
    );
    expect(bad.code).toBe(2);
  });

  it('gateways rotate invalidates the old secret', async () => {
    const created = JSON.parse(
      (await run(['gateways', 'create', '--name', 'rotating', '--json'], env)).stdout,
    );
    expect((await models(created.secret)).status).toBe(200);

    const r = await run(['gateways', 'rotate', created.gateway_id, '--json'], env);
    expect(r.code).toBe(0);
    const rotated = JSON.parse(r.stdout);
    expect(rotated).toEqual({
      gateway_id: created.gateway_id,
      name: 'rotating',
      secret: expect.any(String),
    });
    expect(rotated.secret).not.toBe(created.secret);

    expect((await models(created.secret)).status).toBe(401);
    expect((await models(rotated.secret)).status).toBe(200);

    const shown = await run(['gateways', 'show', created.gateway_id], env);
    expect(shown.stdout).toMatch(new RegExp(`^secret\\s+${rotated.secret}$`, 'm'));
  });

  it('keys create prints the key once; the key calls the proxy under its limits', async () => {
    const r = await run(
      [
        'keys',
        'create',
        '--gateway',
        gatewayId,
        '--name',
        'ci',
        '--models',
        'gpt-4o-mini',
        '--limit',
        'rpm=5',
        '--json',
      ],
      env,
    );
    expect(r.code).toBe(0);
    const key = JSON.parse(r.stdout);
    expect(key).toMatchObject({
      name: 'ci',
      allowed_models: ['gpt-4o-mini'],
      limits: { rpm: 5 },
      key: expect.stringMatching(/^gw-/),
    });

    const res = await chat(key.key);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit-requests')).toBe('5');

    const list = await run(['keys', 'list'], { ...env, GATEWAY_ID: gatewayId });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+NAME\s+KEY\s+ENABLED\s+EXPIRES\s+MODELS\s+LIMITS$/m);
    expect(list.stdout).toContain(key.key_hint);
    expect(list.stdout).toContain('rpm=5');
    expect(list.stdout).not.toContain(key.key);

    const off = await run(
      ['keys', 'update', key.id, '--gateway', gatewayId, '--disable', '--json'],
      env,
    );
    expect(JSON.parse(off.stdout).enabled).toBe(false);
    expect((await chat(key.key)).status).toBe(403);
  });

  it('routing set from flags, routing show reads it back', async () => {
    const set = await run(
      [
        'routing',
        'set',
        '-g',
        gatewayId,
        '--strategy',
        'round_robin',
        '--fallback',
        'gpt-4o=gpt-4o-mini,claude-haiku-4-5',
        '--deadline-ms',
        '60000',
      ],
      env,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^strategy\s+round_robin$/m);
    const show = JSON.parse(
      (await run(['routing', 'show', '-g', gatewayId, '--json'], env)).stdout,
    );
    expect(show).toMatchObject({
      strategy: 'round_robin',
      deadline_ms: 60000,
      model_fallbacks: { 'gpt-4o': ['gpt-4o-mini', 'claude-haiku-4-5'] },
    });
  });

  it('providers add, list, test and models; test exits 1 when the provider check fails', async () => {
    // A provider whose /v1/models answers (the fake upstream has no such route: its test fails).
    const upstream = createServer((req, res) => {
      res.writeHead(req.url === '/v1/models' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    try {
      const gw = JSON.parse(
        (await run(['gateways', 'create', '--name', 'byok', '--json'], env)).stdout,
      );
      const add = await run(
        [
          'providers',
          'add',
          '-g',
          gw.gateway_id,
          '--type',
          'openai',
          '--name',
          'good',
          '--base-url',
          upstreamUrl,
          '--api-key-stdin',
          '--json',
        ],
        env,
        { stdin: 'sk-live-1234\n' },
      );
      expect(add.code).toBe(0);
      const good = JSON.parse(add.stdout);
      expect(good).toMatchObject({ provider: 'openai', name: 'good', key_last4: '1234' });

      const list = await run(['providers', 'list', '-g', gw.gateway_id], env);
      expect(list.stdout).toMatch(
        new RegExp(`^${good.id}\\s+openai\\s+good\\s+0\\s+1\\s+yes\\s+…1234`, 'm'),
      );
      expect(list.stdout).not.toContain('sk-live-1234');

      const ok = await run(['providers', 'test', good.id, '-g', gw.gateway_id, '--json'], env);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, models_count: 1 });
      const listed = await run(['providers', 'models', good.id, '-g', gw.gateway_id], env);
      expect(listed.stdout).toMatch(/^gpt-4o-mini\s+yes$/m);

      const bad = JSON.parse(
        (
          await run(
            [
              'providers',
              'add',
              '-g',
              gw.gateway_id,
              '-t',
              'openai',
              '-n',
              'bad',
              '--base-url',
              `${fake.root}/v1`,
              '--api-key',
              'sk-openai-fake',
              '--json',
            ],
            env,
          )
        ).stdout,
      );
      const failed = await run(['providers', 'test', bad.id, '-g', gw.gateway_id], env);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/^ok\s+false$/m);
      expect(failed.stderr).toMatch(/^error: provider test failed: .*404/);
    } finally {
      upstream.closeAllConnections();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    }
  });

  it('login prints an export line and the token authenticates', async () => {
    const email = `cli-${Date.now()}@example.com`;
    await api(app.url, 'POST', '/auth/register', { body: { email, password: 'correct horse' } });
    const r = await run(
      ['login', '--email', email, '--password-stdin'],
      { GATEWAY_URL: app.url },
      { stdin: 'correct horse\n' },
    );
    expect(r.code).toBe(0);
    const token = /^export GATEWAY_TOKEN=(\S+)$/m.exec(r.stdout)?.[1];
    expect(token).toBeDefined();
    const me = await run(['users', 'me', '--json'], {
      GATEWAY_URL: app.url,
      GATEWAY_TOKEN: token!,
    });
    expect(JSON.parse(me.stdout).email).toBe(email);

    const bad = await run(['login', '--email', email, '--password', 'wrong password'], {
      GATEWAY_URL: app.url,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .+ \(HTTP 401\)\n$/);
  });

  it('analytics breaks down and filters by operation', async () => {
    const gw = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'ops' } }))
      .body;
    expect((await chat(gw.secret)).status).toBe(200);
    expect((await models(gw.secret)).status).toBe(200);
    let rows: { key: string }[] = [];
    for (let i = 0; i < 50 && rows.length < 2; i++) {
      const by = await run(
        ['analytics', 'breakdown', '-g', gw.gateway_id, '--by', 'operation', '--json'],
        env,
      );
      expect(by.code).toBe(0);
      rows = JSON.parse(by.stdout).rows;
      if (rows.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows.map((r) => r.key).sort()).toEqual(['chat', 'models']);
    const logs = await run(
      ['analytics', 'logs', '-g', gw.gateway_id, '--operation', 'models'],
      env,
    );
    expect(logs.code).toBe(0);
    const [header, ...lines] = logs.stdout.trimEnd().split('\n');
    expect(header).toMatch(/OPERATION/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ models /);
  });

  it('export writes CSV to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
    const out = join(dir, 'requests.csv');
    const r = await run(['export', '-g', gatewayId, '--out', out], env);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/request_id/);
    const json = await run(['export', '-g', gatewayId, '--json'], env);
    expect(json.code).toBe(0);
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
  });

  it('routing set --file takes a JSON body', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-routing-')), 'routing.json');
    writeFileSync(file, JSON.stringify({ high_availability: true, retry: { max_retries: 2 } }));
    const r = await run(['routing', 'set', '-g', gatewayId, '--file', file, '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      high_availability: true,
      retry: { max_retries: 2 },
    });
  });

  describe('exit codes', () => {
    it('3 when the gateway cannot be reached', async () => {
      const r = await run(['gateways', 'list'], { ...env, GATEWAY_URL: CLOSED });
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(`error: cannot connect to ${CLOSED}: ECONNREFUSED\n`);
      expect(r.stdout).toBe('');
    });

    it('1 with the API message and status for an unknown gateway', async () => {
      const r = await run(['gateways', 'show', '00000000-0000-4000-8000-000000000000'], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: .+ \(HTTP 404\)\n$/);
      expect(r.stdout).toBe('');
    });

    it('1 for a validation error of the API', async () => {
      const r = await run(
        [
          'keys',
          'create',
          '-g',
          gatewayId,
          '--name',
          'x',
          '--expires',
          '2020-01-01',
          '--limit',
          'rpm=1.5',
        ],
        env,
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/\(HTTP 400\)\n$/);
    });

    it('1 with a clear message when GATEWAY_URL is not a gateway', async () => {
      const web = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>hello</html>');
      });
      await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
        const r = await run(['gateways', 'list'], { ...env, GATEWAY_URL: url });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/not JSON: is GATEWAY_URL .* an llm-gateway\? \(HTTP 200\)\n$/);
      } finally {
        await new Promise<void>((resolve) => web.close(() => resolve()));
      }
    });

    it('2 for a bad flag, a missing option, a bad value or missing credentials', async () => {
      const bad = await run(['gateways', 'list', '--bogus'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("error: unknown option '--bogus'");
      expect((await run(['keys', 'list'], env)).code).toBe(2);
      expect(
        (await run(['analytics', 'summary', '-g', gatewayId, '--days', 'many'], env)).code,
      ).toBe(2);
      expect((await run(['frobnicate'], env)).code).toBe(2);
      expect((await run(['gateways', 'delete', gatewayId], env)).code).toBe(2);
      const none = await run(['gateways', 'list'], { GATEWAY_URL: app.url });
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/^error: no credentials/);
      expect((await run(['gateways', 'list'], { ...env, GATEWAY_URL: 'not a url' })).code).toBe(2);
    });
  });

  describe('doctor', () => {
    it('passes against the running gateway', async () => {
      const r = await run(['doctor'], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^reachable\s+OK\s/m);
      expect(r.stdout).toMatch(/^auth\s+OK\s+GATEWAY_USER_ID → user /m);
      expect(r.stdout).toMatch(/^clock\s+OK\s/m);
      const json = JSON.parse((await run(['doctor', '--json'], env)).stdout);
      expect(json.ok).toBe(true);
      expect(json.checks.map((c: { name: string }) => c.name)).toEqual([
        'node',
        'config',
        'reachable',
        'health',
        'ready',
        'version',
        'auth',
        'clock',
      ]);
    });

    it('fails with 3 against a closed port, and 1 with a refused credential', async () => {
      const closed = await run(['doctor'], { ...env, GATEWAY_URL: CLOSED });
      expect(closed.code).toBe(3);
      expect(closed.stdout).toMatch(/^reachable\s+FAIL\s+cannot connect/m);
      const unknown = await run(['doctor'], {
        ...env,
        GATEWAY_USER_ID: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toMatch(/^auth\s+FAIL\s/m);
    });
  });

  it('gateways delete --yes removes the gateway', async () => {
    const gw = JSON.parse(
      (await run(['gateways', 'create', '--name', 'doomed', '--json'], env)).stdout,
    );
    const r = await run(['gateways', 'delete', gw.gateway_id, '--yes'], env);
    expect(r.code).toBe(0);
    expect((await models(gw.secret)).status).toBe(401);
    expect((await run(['gateways', 'show', gw.gateway_id], env)).code).toBe(1);
  });
});
