// Real calls of groups of documented routes, each answer held against the OpenAPI document by an
// AnswerChecker (see openapi.e2e.spec.ts, which runs them on one app and then asks that every
// documented route was seen).
import type { RouteKey } from '@gateway/contracts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import OpenAI from 'openai';
import { FakeEndpoints } from './fake-endpoints';
import { FakeProviders } from './fake-providers';
import type { AnswerChecker } from './openapi-checker';
import { api, startTestApp } from './test-app';

type Json = Record<string, any>;
type Opts = Parameters<typeof api>[3];

export interface Tour {
  url: string;
  checker: AnswerChecker;
}

/** Calls a route through `api()` and checks its answer; returns the JSON body. */
export function checkedCall({ url, checker }: Tour) {
  return async (route: RouteKey, path: string, opts: Opts = {}): Promise<Json> => {
    const res = await api(url, route.split(' ')[0], path, opts);
    checker.check(route, res.status, res.body);
    return res.body as Json;
  };
}

async function join(call: ReturnType<typeof checkedCall>): Promise<string> {
  return (await call('POST /auth/join', '/auth/join')).id as string;
}

/** Teams, members, transfer, and a gateway moved into a team; refusals included. */
export async function teamsTour(tour: Tour): Promise<void> {
  const call = checkedCall(tour);
  const [owner, colleague, viewer] = [await join(call), await join(call), await join(call)];
  const as = { userId: owner };
  const team = await call('POST /teams', '/teams', { ...as, body: { name: 'docs team' } });
  const t = `/teams/${team.id}`;
  expect((await call('GET /teams', '/teams', as)).teams).toHaveLength(2);
  await call('GET /teams/{id}', t, as);
  await call('PATCH /teams/{id}', t, { ...as, body: { name: 'docs team 2' } });
  for (const [userId, role] of [
    [colleague, 'member'],
    [viewer, 'viewer'],
  ]) {
    await call('POST /teams/{id}/members', `${t}/members`, {
      ...as,
      body: { user_id: userId, role },
    });
  }
  expect((await call('GET /teams/{id}/members', `${t}/members`, as)).members).toHaveLength(3);
  await call('PATCH /teams/{id}/members/{userId}', `${t}/members/${colleague}`, {
    ...as,
    body: { role: 'admin' },
  });

  const gw = await call('POST /gateway/create', '/gateway/create', { ...as, body: { name: 'mv' } });
  const moved = await call('POST /gateway/{id}/move', `/gateway/${gw.gateway_id}/move`, {
    ...as,
    body: { team_id: team.id },
  });
  expect(moved.team_id).toBe(team.id);

  // Refusals, in the management shape: too low a role, a stranger, a conflict, a bad body.
  const refused = await call('PATCH /teams/{id}', t, { userId: viewer, body: { name: 'mine' } });
  expect(refused.error.code).toBe('forbidden');
  await call('GET /teams/{id}', `/teams/${team.id}`, { userId: await join(call) });
  const busy = await call('DELETE /teams/{id}', t, as);
  expect(busy.error.code).toBe('conflict');
  await call('POST /teams/{id}/members', `${t}/members`, { ...as, body: { role: 'viewer' } });

  await call('DELETE /gateway/{id}', `/gateway/${gw.gateway_id}`, as);
  await call('DELETE /teams/{id}/members/{userId}', `${t}/members/${viewer}`, as);
  const transferred = await call('POST /teams/{id}/transfer', `${t}/transfer`, {
    ...as,
    body: { user_id: colleague },
  });
  expect(transferred.role).toBe('admin');
  await call('DELETE /teams/{id}', t, { userId: colleague });
}

/**
 * A gateway's MCP servers (against a real MCP server) and its MCP endpoint through the official
 * MCP SDK client, whose every HTTP answer is checked on its way to the client.
 */
export async function mcpTour(tour: Tour, upstream: { url: string; token: string }): Promise<void> {
  const call = checkedCall(tour);
  const userId = await join(call);
  const as = { userId };
  const gw = await call('POST /gateway/create', '/gateway/create', { ...as, body: { name: 'm' } });
  const servers = `/gateway/${gw.gateway_id}/mcp-servers`;
  const server = await call('POST /gateway/{id}/mcp-servers', servers, {
    ...as,
    body: {
      name: 'calc',
      url: upstream.url,
      headers: { Authorization: `Bearer ${upstream.token}` },
    },
  });
  const s = `${servers}/${server.id}`;
  await call('GET /gateway/{id}/mcp-servers', servers, as);
  await call('GET /gateway/{id}/mcp-servers/{sid}', s, as);
  await call('PATCH /gateway/{id}/mcp-servers/{sid}', s, { ...as, body: { timeout_ms: 5000 } });
  const tools = await call('GET /gateway/{id}/mcp-servers/{sid}/tools', `${s}/tools`, as);
  expect(tools.tools.map((t: Json) => t.name)).toContain('calc__add');

  const checkedFetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const res = await fetch(input, init);
    const method = (init?.method ?? 'GET') as 'GET' | 'POST' | 'DELETE';
    const text = await res.clone().text();
    tour.checker.check(`${method} /mcp`, res.status, text ? JSON.parse(text) : undefined);
    return res;
  };
  const client = new Client({ name: 'docs-tour', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${tour.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${gw.secret}` } },
      fetch: checkedFetch,
    }),
  );
  try {
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('calc__add');
    const sum = await client.callTool({ name: 'calc__add', arguments: { a: 2, b: 3 } });
    expect(sum.content).toEqual([{ type: 'text', text: '5' }]);
    // A refused request is a JSON-RPC error in a 200 answer.
    await expect(client.callTool({ name: 'nope__tool', arguments: {} })).rejects.toThrow(
      /Unknown tool/,
    );
  } finally {
    await client.close();
  }

  // Refused HTTP calls: JSON-RPC errors with their status.
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'raw', version: '0' },
    },
  };
  const both = 'application/json, text/event-stream';
  const unauthenticated = await call('POST /mcp', '/mcp', {
    headers: { accept: both },
    body: initialize,
  });
  expect(unauthenticated.error.code).toBe(-32001);
  const bearer = { authorization: `Bearer ${gw.secret}` };
  await call('POST /mcp', '/mcp', {
    headers: { ...bearer, accept: 'application/json' },
    body: initialize,
  });
  await call('POST /mcp', '/mcp', { headers: { ...bearer, accept: both }, body: { nope: 1 } });
  await call('GET /mcp', '/mcp');
  await call('DELETE /mcp', '/mcp');
  await call('DELETE /gateway/{id}/mcp-servers/{sid}', s, as);
}

/** Gateway and end-user limits, with usage from one proxied request of a named end user. */
export async function limitsTour(tour: Tour): Promise<void> {
  const call = checkedCall(tour);
  const userId = await join(call);
  const as = { userId };
  const gw = await call('POST /gateway/create', '/gateway/create', { ...as, body: { name: 'l' } });
  const limits = `/gateway/${gw.gateway_id}/limits`;
  await call('GET /gateway/{id}/limits', limits, as);
  await call('PUT /gateway/{id}/limits', limits, {
    ...as,
    body: {
      gateway: { rpm: 100, budget_usd_per_day: 5 },
      end_user: { rpm: 10 },
      end_user_overrides: { alice: { rpm: 20 } },
    },
  });
  const client = new OpenAI({
    baseURL: `${tour.url}/v1`,
    apiKey: gw.secret as string,
    defaultHeaders: { 'x-gateway-end-user': 'alice' },
  });
  await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const usage = await call('GET /gateway/{id}/limits/usage', `${limits}/usage?end_user=alice`, as);
  expect(usage.end_user).toMatchObject({ id: 'alice', limits: { rpm: 20 }, usage: { rpm: 1 } });
  await call('PUT /gateway/{id}/limits', limits, { ...as, body: { gateway: { rpm: -1 } } });
}

/** A Responses answer stored by the gateway, continued, read back, listed and deleted. */
export async function storedResponsesTour(tour: Tour): Promise<void> {
  const call = checkedCall(tour);
  const userId = await join(call);
  const gw = await call('POST /gateway/create', '/gateway/create', { userId, body: { name: 'r' } });
  const headers = { authorization: `Bearer ${gw.secret}` };
  const model = 'gpt-4o-mini';
  const first = await call('POST /v1/responses', '/v1/responses', {
    headers,
    body: { model, input: 'hi' },
  });
  const next = await call('POST /v1/responses', '/v1/responses', {
    headers,
    body: { model, input: 'and then?', previous_response_id: first.id },
  });
  const path = `/v1/responses/${next.id}`;
  expect((await call('GET /v1/responses/{id}', path, { headers })).id).toBe(next.id);
  const items = await call('GET /v1/responses/{id}/input_items', `${path}/input_items?order=asc`, {
    headers,
  });
  expect(items.data.length).toBeGreaterThan(1);
  await call('GET /v1/responses/{id}/input_items', `${path}/input_items?limit=0`, { headers });
  expect((await call('DELETE /v1/responses/{id}', path, { headers })).deleted).toBe(true);
  const gone = await call('GET /v1/responses/{id}', path, { headers });
  expect(gone.error.code).toBeTruthy();
}

/** Sign-in methods; without SSO configured, the SSO routes answer 404 in the management shape. */
export async function signInTour(tour: Tour): Promise<void> {
  const call = checkedCall(tour);
  const methods = await call('GET /auth/methods', '/auth/methods');
  expect(methods.sso).toEqual({ enabled: false });
  const json = { headers: { accept: 'application/json' } };
  await call('GET /auth/oidc/login', '/auth/oidc/login', json);
  await call('GET /auth/oidc/callback', '/auth/oidc/callback?code=x&state=y', json);
  const off = await call('POST /auth/oidc/exchange', '/auth/oidc/exchange', json);
  expect(off.error.code).toBe('not_found');
}

/**
 * The endpoints beyond chat, on an app of their own against fake upstreams that answer like the real
 * APIs (OpenAI, Gemini, Cohere): JSON, multipart uploads, audio and streams.
 */
export async function endpointsTour(checker: AnswerChecker): Promise<void> {
  const fake = await new FakeProviders().start();
  const endpoints = new FakeEndpoints(fake);
  const app = await startTestApp({ ...fake.env(), ...endpoints.env() });
  try {
    const tour = { url: app.url, checker };
    const call = checkedCall(tour);
    const userId = await join(call);
    const gw = await call('POST /gateway/create', '/gateway/create', {
      userId,
      body: { name: 'e' },
    });
    const bearer = { authorization: `Bearer ${gw.secret}` };
    const json = (route: RouteKey, body: unknown, path = route.slice(5)) =>
      call(route, path, { headers: bearer, body });

    await json('POST /v1/embeddings', { model: 'text-embedding-3-small', input: ['a', 'b'] });
    await json('POST /v1/completions', { model: 'gpt-3.5-turbo-instruct', prompt: 'Hi' });
    await json('POST /v1/moderations', { model: 'omni-moderation-latest', input: 'hi' });
    await json('POST /v1/images/generations', { model: 'dall-e-3', prompt: 'a fox' });
    const rerank = { model: 'rerank-v3.5', query: 'capital', documents: ['Paris', 'Rome'] };
    await json('POST /v1/rerank', rerank);
    await json('POST /v2/rerank', rerank);
    const goog = { headers: { 'x-goog-api-key': gw.secret as string } };
    const gemini = '/v1beta/models/gemini-embedding-001';
    const content = { parts: [{ text: 'hi' }] };
    await call('POST /v1beta/models/{model}:embedContent', `${gemini}:embedContent`, {
      ...goog,
      body: { content },
    });
    await call('POST /v1beta/models/{model}:batchEmbedContents', `${gemini}:batchEmbedContents`, {
      ...goog,
      body: { requests: [{ model: 'models/gemini-embedding-001', content }] },
    });
    // An error in the format of the endpoint's family.
    const unknown = await json('POST /v1/embeddings', { model: 'no-such-embedder', input: 'x' });
    expect(unknown.error.message).toBeTruthy();

    const raw = async (
      route: RouteKey,
      body: string | FormData,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(app.url + route.slice(5), {
        method: 'POST',
        headers: { ...bearer, ...headers },
        body,
      });
      const type = res.headers.get('content-type') ?? '';
      if (type.startsWith('application/json')) checker.check(route, res.status, await res.json());
      else checker.checkMedia(route, res.status, type);
      await res.arrayBuffer().catch(() => undefined);
      return res;
    };
    const stream = await raw(
      'POST /v1/completions',
      JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hi', stream: true }),
      { 'content-type': 'application/json' },
    );
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const speech = await raw(
      'POST /v1/audio/speech',
      JSON.stringify({ model: 'tts-1', voice: 'alloy', input: 'hi' }),
      { 'content-type': 'application/json' },
    );
    expect(speech.headers.get('content-type')).toBe('audio/mpeg');
    const form = (fields: Record<string, string>, file: string, type: string) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      f.set(file, new Blob([Buffer.from('RIFF fake bytes')], { type }), `${file}.bin`);
      return f;
    };
    await raw(
      'POST /v1/images/edits',
      form({ model: 'gpt-image-1', prompt: 'a hat' }, 'image', 'image/png'),
    );
    await raw('POST /v1/images/variations', form({ model: 'dall-e-2' }, 'image', 'image/png'));
    await raw('POST /v1/audio/transcriptions', form({ model: 'whisper-1' }, 'file', 'audio/wav'));
    const text = await raw(
      'POST /v1/audio/transcriptions',
      form({ model: 'whisper-1', response_format: 'text' }, 'file', 'audio/wav'),
    );
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    await raw('POST /v1/audio/translations', form({ model: 'whisper-1' }, 'file', 'audio/wav'));
    expect(endpoints.requests.flatMap((r) => r.problems)).toEqual([]);
  } finally {
    await app.close();
    await fake.stop();
  }
}

/** The operator's routes (ADMIN_API_KEY), the audit log, and a user's own sessions. */
export async function accessTour(tour: Tour, adminKey: string): Promise<void> {
  const call = checkedCall(tour);
  const admin = { headers: { authorization: `Bearer ${adminKey}` } };
  await call('GET /admin/status', '/admin/status', admin);
  const email = `access-${Date.now()}@example.com`;
  const password = 'correct horse';
  const user = await call('POST /admin/users', '/admin/users', {
    ...admin,
    body: { email, password },
  });
  const u = `/admin/users/${user.id}`;
  await call('GET /admin/users', '/admin/users?q=access-', admin);
  await call('PATCH /admin/users/{uid}', u, { ...admin, body: { role: 'user' } });
  await call('PUT /admin/users/{uid}/env-grant', `${u}/env-grant`, admin);
  await call('DELETE /admin/users/{uid}/env-grant', `${u}/env-grant`, admin);
  const invite = await call('POST /admin/invites', '/admin/invites', { ...admin, body: {} });
  await call('GET /admin/invites', '/admin/invites', admin);
  await call('DELETE /admin/invites/{inviteId}', `/admin/invites/${invite.id}`, admin);

  const other = await call('POST /auth/login', '/auth/login', { body: { email, password } });
  const session = await call('POST /auth/login', '/auth/login', { body: { email, password } });
  const me = { headers: { authorization: `Bearer ${session.token}` } };
  const sessions = await call('GET /auth/sessions', '/auth/sessions', me);
  const stale = sessions.sessions.find((s: Json) => !s.current);
  await call('DELETE /auth/sessions/{sessionId}', `/auth/sessions/${stale.id}`, me);
  expect(other.token).toBeTruthy();
  const gw = await call('POST /gateway/create', '/gateway/create', { ...me, body: { name: 'a' } });
  await call('GET /gateway/{id}/audit', `/gateway/${gw.gateway_id}/audit`, me);
  await call('GET /admin/gateways', `/admin/gateways?owner_id=${user.id}`, admin);
  await call('GET /audit', '/audit', admin);
  await call('POST /auth/logout-all', '/auth/logout-all', me);
}
