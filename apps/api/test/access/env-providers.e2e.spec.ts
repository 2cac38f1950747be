import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { RunningServer } from '../../src/server';
import { FAKE_KEYS, FakeProviders } from '../support/fake-providers';
import { api, startTestApp } from '../support/test-app';
import { ADMIN_KEY, asAdmin, bearer, createUser } from './access-harness';

/** A user's gateway; returns its id and secret. */
async function gatewayOf(base: string, token: string): Promise<{ id: string; secret: string }> {
  const res = await api(base, 'POST', '/gateway/create', {
    headers: bearer(token),
    body: { name: 'env-test' },
  });
  return { id: res.body.gateway_id, secret: res.body.secret };
}

describe('ENV_PROVIDERS=granted', () => {
  let app: RunningServer;
  let providers: FakeProviders;

  beforeAll(async () => {
    providers = await new FakeProviders().start();
    app = await startTestApp({
      ADMIN_API_KEY: ADMIN_KEY,
      ENV_PROVIDERS: 'granted',
      CREDENTIALS_REFRESH_MS: '0',
      ...providers.env(),
    });
  });
  afterAll(async () => {
    await app?.close();
    await providers?.stop();
  });

  const openai = (secret: string) =>
    new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
  const anthropic = (secret: string) =>
    new Anthropic({ baseURL: app.url, apiKey: secret, maxRetries: 0 });
  const chat = (secret: string) =>
    openai(secret).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
  const message = (secret: string) =>
    anthropic(secret).messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    });

  it('refuses a gateway without the grant in the OpenAI SDK’s own error, naming ENV_PROVIDERS', async () => {
    const user = await createUser(app.url);
    const gw = await gatewayOf(app.url, user.token);
    providers.reset();
    const err = await chat(gw.secret).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const apiErr = err as InstanceType<typeof OpenAI.APIError>;
    expect(apiErr.status).toBe(403);
    expect(apiErr.message).toMatch(/ENV_PROVIDERS=granted/);
    const list = await openai(gw.secret)
      .models.list()
      .catch((e: unknown) => e);
    expect(list).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(providers.requests).toHaveLength(0);
  });

  it('refuses it in the Anthropic and Gemini SDKs’ errors too', async () => {
    const user = await createUser(app.url);
    const gw = await gatewayOf(app.url, user.token);
    const err = await message(gw.secret).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(403);
    expect((err as Error).message).toMatch(/ENV_PROVIDERS/);

    const gemini = new GoogleGenAI({ apiKey: gw.secret, httpOptions: { baseUrl: app.url } });
    const gErr = await gemini.models
      .generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })
      .catch((e: unknown) => e);
    expect(gErr).toBeInstanceOf(ApiError);
    expect((gErr as ApiError).status).toBe(403);
    expect((gErr as Error).message).toMatch(/ENV_PROVIDERS/);
  });

  it('serves a gateway with its own provider, grant or not', async () => {
    const user = await createUser(app.url);
    const gw = await gatewayOf(app.url, user.token);
    const added = await api(app.url, 'POST', `/gateway/${gw.id}/providers`, {
      headers: bearer(user.token),
      body: { provider: 'openai', api_key: FAKE_KEYS.openai, base_url: `${providers.root}/v1` },
    });
    expect(added.status).toBe(201);
    expect((await chat(gw.secret)).choices[0].message.content).toBe('Hello from openai');
  });

  it('serves once an admin grants the user, at once, and refuses again after the revoke', async () => {
    const user = await createUser(app.url);
    const gw = await gatewayOf(app.url, user.token);
    const granted = await api(app.url, 'PUT', `/admin/users/${user.id}/env-grant`, {
      headers: asAdmin,
    });
    expect(granted.body).toEqual({ principal_type: 'user', principal_id: user.id, granted: true });
    expect((await chat(gw.secret)).choices[0].message.content).toBe('Hello from openai');
    expect((await message(gw.secret)).content[0]).toMatchObject({ text: 'Hello from anthropic' });
    const listed = await api(app.url, 'GET', `/admin/users?q=${encodeURIComponent(user.email)}`, {
      headers: asAdmin,
    });
    expect(listed.body.users).toEqual([
      expect.objectContaining({ id: user.id, env_granted: true }),
    ]);

    const revoked = await api(app.url, 'DELETE', `/admin/users/${user.id}/env-grant`, {
      headers: asAdmin,
    });
    expect(revoked.body.granted).toBe(false);
    await expect(chat(gw.secret)).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it('always serves gateways made with the admin key and those of admin users', async () => {
    const ops = await api(app.url, 'POST', '/gateway/create', {
      headers: asAdmin,
      body: { name: 'ops' },
    });
    expect((await chat(ops.body.secret)).choices[0].message.content).toBe('Hello from openai');
    const admin = await createUser(app.url, { role: 'admin' });
    const gw = await gatewayOf(app.url, admin.token);
    expect((await chat(gw.secret)).choices[0].message.content).toBe('Hello from openai');
  });
});

describe('ENV_PROVIDERS=none', () => {
  let app: RunningServer;
  let providers: FakeProviders;

  beforeAll(async () => {
    providers = await new FakeProviders().start();
    app = await startTestApp({
      ADMIN_API_KEY: ADMIN_KEY,
      ENV_PROVIDERS: 'none',
      ...providers.env(),
    });
  });
  afterAll(async () => {
    await app?.close();
    await providers?.stop();
  });

  it('refuses the environment’s credentials to every gateway, the operator’s too', async () => {
    const ops = await api(app.url, 'POST', '/gateway/create', {
      headers: asAdmin,
      body: { name: 'ops' },
    });
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: ops.body.secret, maxRetries: 0 });
    const err = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((err as Error).message).toMatch(/ENV_PROVIDERS=none/);
  });
});
