import {
  ENDPOINT_MIN_ROLE,
  roleAtLeast,
  type ScopedEndpoint,
  type TeamRole,
} from '@gateway/contracts';
import OpenAI from 'openai';
import type { RunningServer } from '../../src/server';
import { FakeMcpServer } from '../support/fake-mcp-server';
import { FakeOpenAiUpstream, sendJson } from '../support/fake-openai-upstream';
import { api, startTestApp } from '../support/test-app';
import { declaredRoutes } from './route-table';
import {
  ROLES_AND_STRANGER,
  addMember,
  createGateway,
  crewWithTeam,
  join,
  type Actor,
  type Crew,
} from './team-fixtures';

type Outcome = 'ok' | 'forbidden' | 'not_found' | string;

/** One attempt at an endpoint: its path and body, and who calls it when not the crew's actor. */
interface Attempt {
  path: string;
  body?: unknown;
  as?: string;
}

const UPSTREAM_KEY = 'sk-upstream-test';
const MCP_TOKEN = 'mcp-matrix-token';

describe('team roles on every management endpoint', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;
  let mcp: FakeMcpServer;
  let mcpServerId: string;
  let mcpSeq = 0;
  let crew: Crew & { teamId: string };
  let gatewayId: string;
  let providerId: string;
  let keyId: string;
  let requestId: string;

  const as = (userId: string) => ({ userId });

  async function newProvider(): Promise<string> {
    const res = await api(app.url, 'POST', `/gateway/${gatewayId}/providers`, {
      ...as(crew.owner),
      body: { provider: 'openai', api_key: UPSTREAM_KEY, base_url: upstream.baseUrl },
    });
    return res.body.id;
  }

  async function newMcpServer(): Promise<string> {
    const res = await api(app.url, 'POST', `/gateway/${gatewayId}/mcp-servers`, {
      ...as(crew.owner),
      body: {
        name: `tools-${++mcpSeq}`,
        url: mcp.url,
        headers: { Authorization: `Bearer ${MCP_TOKEN}` },
      },
    });
    return res.body.id;
  }

  async function newKey(): Promise<string> {
    const res = await api(app.url, 'POST', `/gateway/${gatewayId}/keys`, {
      ...as(crew.owner),
      body: { name: 'matrix key' },
    });
    return res.body.id;
  }

  /** A fresh team member, for the calls that change or remove one. */
  async function newViewer(): Promise<string> {
    const userId = await join(app.url);
    await addMember(app.url, crew.teamId, crew.owner, userId, 'viewer');
    return userId;
  }

  const gw = (rest = '') => ({ path: `/gateway/${gatewayId}${rest}` });
  const team = (rest = '') => ({ path: `/teams/${crew.teamId}${rest}` });

  // How each endpoint is called; destructive calls get a fresh target per attempt.
  const ATTEMPTS: Record<ScopedEndpoint, (actor: Actor) => Promise<Attempt> | Attempt> = {
    'GET /gateway/:id/settings': () => gw('/settings'),
    'GET /gateway/:id/credentials': () => gw('/credentials'),
    'PATCH /gateway/:id/settings': () => ({ ...gw('/settings'), body: {} }),
    'PATCH /gateway/:id': () => ({ ...gw(), body: { name: 'matrix gateway' } }),
    'POST /gateway/:id/regenerate': () => gw('/regenerate'),
    'POST /gateway/:id/move': () => ({ ...gw('/move'), body: { team_id: crew.teamId } }),
    'DELETE /gateway/:id': async () => ({
      path: `/gateway/${(await createGateway(app.url, crew.owner, 'doomed', crew.teamId)).gatewayId}`,
    }),
    'GET /gateway/:id/audit': () => gw('/audit'),
    'GET /gateway/:id/providers/health': () => gw('/providers/health'),
    'GET /gateway/:id/providers': () => gw('/providers'),
    'GET /gateway/:id/providers/:pid': () => gw(`/providers/${providerId}`),
    'GET /gateway/:id/routing': () => gw('/routing'),
    'POST /gateway/:id/providers': () => ({
      ...gw('/providers'),
      body: { provider: 'openai', api_key: UPSTREAM_KEY, base_url: upstream.baseUrl },
    }),
    'PATCH /gateway/:id/providers/:pid': () => ({
      ...gw(`/providers/${providerId}`),
      body: { name: 'Fake OpenAI' },
    }),
    'DELETE /gateway/:id/providers/:pid': async () => gw(`/providers/${await newProvider()}`),
    'POST /gateway/:id/providers/:pid/test': () => gw(`/providers/${providerId}/test`),
    'GET /gateway/:id/providers/:pid/models': () => gw(`/providers/${providerId}/models`),
    'GET /gateway/:id/limits': () => gw('/limits'),
    'GET /gateway/:id/limits/usage': () => gw('/limits/usage?end_user=alice'),
    'PUT /gateway/:id/limits': () => ({ ...gw('/limits'), body: { end_user: { rpm: 100 } } }),
    'GET /gateway/:id/mcp-servers': () => gw('/mcp-servers'),
    'GET /gateway/:id/mcp-servers/:sid': () => gw(`/mcp-servers/${mcpServerId}`),
    'GET /gateway/:id/mcp-servers/:sid/tools': () => gw(`/mcp-servers/${mcpServerId}/tools`),
    'POST /gateway/:id/mcp-servers': () => ({
      ...gw('/mcp-servers'),
      body: { name: `added-${++mcpSeq}`, url: mcp.url },
    }),
    'PATCH /gateway/:id/mcp-servers/:sid': () => ({
      ...gw(`/mcp-servers/${mcpServerId}`),
      body: { timeout_ms: 5000 },
    }),
    'DELETE /gateway/:id/mcp-servers/:sid': async () => gw(`/mcp-servers/${await newMcpServer()}`),
    'PUT /gateway/:id/routing': () => ({ ...gw('/routing'), body: {} }),
    'GET /gateway/:id/keys': () => gw('/keys'),
    'GET /gateway/:id/keys/:kid': () => gw(`/keys/${keyId}`),
    'POST /gateway/:id/keys': () => ({ ...gw('/keys'), body: { name: 'made in the matrix' } }),
    'PATCH /gateway/:id/keys/:kid': () => ({ ...gw(`/keys/${keyId}`), body: { name: 'renamed' } }),
    'DELETE /gateway/:id/keys/:kid': async () => gw(`/keys/${await newKey()}`),
    'GET /analytics/gateway/:id': () => ({ path: `/analytics/gateway/${gatewayId}` }),
    'GET /analytics/gateway/:id/timeseries': () => ({
      path: `/analytics/gateway/${gatewayId}/timeseries`,
    }),
    'GET /analytics/gateway/:id/breakdown': () => ({
      path: `/analytics/gateway/${gatewayId}/breakdown`,
    }),
    'GET /analytics/gateway/:id/logs': () => ({ path: `/analytics/gateway/${gatewayId}/logs` }),
    'GET /analytics/gateway/:id/logs/:requestId': () => ({
      path: `/analytics/gateway/${gatewayId}/logs/${requestId}`,
    }),
    'GET /analytics/gateway/:id/export': () => ({
      path: `/analytics/gateway/${gatewayId}/export`,
    }),
    'GET /analytics/gateway/:id/live': () => ({ path: `/analytics/gateway/${gatewayId}/live` }),
    'GET /gateway/:id/wire/:requestId': () => gw(`/wire/${requestId}`),
    'GET /teams/:id': () => team(),
    'GET /teams/:id/members': () => team('/members'),
    'PATCH /teams/:id': () => ({ ...team(), body: { name: 'matrix team' } }),
    'POST /teams/:id/members': async () => ({
      ...team('/members'),
      body: { user_id: await join(app.url), role: 'viewer' },
    }),
    'PATCH /teams/:id/members/:userId': async () => ({
      ...team(`/members/${await newViewer()}`),
      body: { role: 'member' },
    }),
    'DELETE /teams/:id/members/:userId': async () => team(`/members/${await newViewer()}`),
    // These two change the team itself: each attempt gets a team of its own.
    'POST /teams/:id/transfer': async (actor) => {
      const c = await crewWithTeam(app.url, 'transfer me');
      return { path: `/teams/${c.teamId}/transfer`, body: { user_id: c.member }, as: c[actor] };
    },
    'DELETE /teams/:id': async (actor) => {
      const c = await crewWithTeam(app.url, 'delete me');
      return { path: `/teams/${c.teamId}`, as: c[actor] };
    },
  };

  // Removing someone else needs admin (anyone may remove themselves: see teams.e2e.spec.ts).
  const EFFECTIVE_MIN: Partial<Record<ScopedEndpoint, TeamRole>> = {
    'DELETE /teams/:id/members/:userId': 'admin',
  };

  /** The status class a user sees, in the words of the expected matrix. */
  async function attempt(endpoint: ScopedEndpoint, actor: Actor): Promise<Outcome> {
    const method = endpoint.split(' ')[0];
    const a = await ATTEMPTS[endpoint](actor);
    const controller = new AbortController();
    const res = await fetch(app.url + a.path, {
      method,
      signal: controller.signal,
      headers: {
        'x-user-id': a.as ?? crew[actor],
        ...(a.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: a.body !== undefined ? JSON.stringify(a.body) : undefined,
    });
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('text/event-stream')) {
      controller.abort();
      return res.ok ? 'ok' : String(res.status);
    }
    const text = await res.text();
    if (res.ok) return 'ok';
    const error = (type.includes('json') ? JSON.parse(text).error : undefined) ?? {};
    if (
      res.status === 403 &&
      error.code === 'forbidden' &&
      error.type === 'forbidden' &&
      typeof error.message === 'string'
    )
      return 'forbidden';
    if (res.status === 404 && /^(Gateway|Team) not found/.test(error.message)) return 'not_found';
    return `${res.status} ${text.slice(0, 200)}`;
  }

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream(UPSTREAM_KEY).start();
    mcp = await new FakeMcpServer(MCP_TOKEN).start();
    upstream.behaviour = (req, res) => {
      if (req.method === 'GET')
        return sendJson(res, 200, {
          object: 'list',
          data: [{ id: 'gpt-4o-mini', object: 'model' }],
        });
      sendJson(res, 200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: req.body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    };
    app = await startTestApp({ OPENAI_API_KEY: UPSTREAM_KEY, OPENAI_BASE_URL: upstream.baseUrl });
    crew = await crewWithTeam(app.url, 'matrix');
    const created = await createGateway(app.url, crew.owner, 'matrix gateway', crew.teamId);
    gatewayId = created.gatewayId;
    providerId = await newProvider();
    keyId = await newKey();
    mcpServerId = await newMcpServer();
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: created.secret });
    // With a wire capture, for the wire endpoint.
    await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'x-gateway-debug': 'wire' } },
    );
    // The request's log row, for the log detail endpoint (bounded wait for the analytics write).
    for (let i = 0; i < 100 && !requestId; i++) {
      const logs = await api(
        app.url,
        'GET',
        `/analytics/gateway/${gatewayId}/logs`,
        as(crew.owner),
      );
      requestId = logs.body.items?.[0]?.request_id;
      if (!requestId) await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
    await mcp?.stop();
  });

  it('answers each role as ENDPOINT_MIN_ROLE says: a stranger 404, too low a role 403', async () => {
    expect(requestId).toEqual(expect.any(String));
    const expected: Record<string, Record<Actor, Outcome>> = {};
    const actual: Record<string, Record<Actor, Outcome>> = {};
    for (const endpoint of Object.keys(ENDPOINT_MIN_ROLE) as ScopedEndpoint[]) {
      const min = EFFECTIVE_MIN[endpoint] ?? ENDPOINT_MIN_ROLE[endpoint];
      expected[endpoint] = {} as Record<Actor, Outcome>;
      actual[endpoint] = {} as Record<Actor, Outcome>;
      for (const actor of ROLES_AND_STRANGER) {
        expected[endpoint][actor] =
          actor === 'stranger' ? 'not_found' : roleAtLeast(actor, min) ? 'ok' : 'forbidden';
        actual[endpoint][actor] = await attempt(endpoint, actor);
      }
    }
    expect(actual).toEqual(expected);
  });

  it('declares a minimum role for every team and gateway route, and checks it on each', () => {
    const routes = declaredRoutes(app.app);
    const scoped = routes.filter((r) =>
      /^\w+ \/(gateway|analytics\/gateway|teams)\/:id(\/|$)/.test(r.endpoint),
    );
    expect(scoped.map((r) => r.endpoint).sort()).toEqual(Object.keys(ENDPOINT_MIN_ROLE).sort());
    for (const r of scoped) {
      expect({ endpoint: r.endpoint, guards: r.guards }).toEqual({
        endpoint: r.endpoint,
        guards: ['UserAuthGuard', expect.stringMatching(/^(Gateway|Team)RoleGuard$/)],
      });
    }
  });
});
