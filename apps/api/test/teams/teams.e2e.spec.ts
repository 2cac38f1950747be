import OpenAI from 'openai';
import type { RunningServer } from '../../src/server';
import { FakeOpenAiUpstream } from '../support/fake-openai-upstream';
import { api, startTestApp } from '../support/test-app';
import { addMember, createGateway, createTeam, crewWithTeam, join } from './team-fixtures';

describe('teams, members and their gateways', () => {
  let app: RunningServer;
  let upstream: FakeOpenAiUpstream;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    app = await startTestApp({
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
    });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.stop();
  });

  const call = (userId: string, method: string, path: string, body?: unknown) =>
    api(app.url, method, path, { userId, body });

  /** A completion through the official SDK with a gateway secret: the status the client sees. */
  async function chatStatus(secret: string): Promise<number> {
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
    try {
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
      return 200;
    } catch (err) {
      if (err instanceof OpenAI.APIError) return err.status ?? 0;
      throw err;
    }
  }

  it('puts a gateway created without a team in the personal team, listed first', async () => {
    const user = await join(app.url);
    const { gatewayId } = await createGateway(app.url, user, 'mine');
    const teams = await call(user, 'GET', '/teams');
    expect(teams.body.teams).toEqual([
      {
        id: expect.any(String),
        name: 'Personal',
        personal: true,
        role: 'owner',
        created_at: expect.any(String),
      },
    ]);
    const list = await call(user, 'GET', '/gateway/list');
    expect(list.body.gateways).toEqual([
      {
        id: gatewayId,
        name: 'mine',
        created_at: expect.any(String),
        team_id: teams.body.teams[0].id,
        role: 'owner',
      },
    ]);
  });

  it('creates a team gateway for an admin only, and lists gateways by team with the caller’s role', async () => {
    const c = await crewWithTeam(app.url, 'acme');
    await createGateway(app.url, c.member, 'members own');
    const byAdmin = await call(c.admin, 'POST', '/gateway/create', {
      name: 'shared',
      team_id: c.teamId,
    });
    expect(byAdmin.status).toBe(200);
    const byMember = await call(c.member, 'POST', '/gateway/create', {
      name: 'nope',
      team_id: c.teamId,
    });
    expect(byMember.status).toBe(403);
    const byStranger = await call(c.stranger, 'POST', '/gateway/create', {
      name: 'nope',
      team_id: c.teamId,
    });
    expect(byStranger.status).toBe(404);

    const all = await call(c.member, 'GET', '/gateway/list');
    expect(all.body.gateways.map((g: { name: string; role: string }) => [g.name, g.role])).toEqual(
      expect.arrayContaining([
        ['members own', 'owner'],
        ['shared', 'member'],
      ]),
    );
    const filtered = await call(c.viewer, 'GET', `/gateway/list?team_id=${c.teamId}`);
    expect(filtered.body.gateways).toEqual([
      expect.objectContaining({ name: 'shared', team_id: c.teamId, role: 'viewer' }),
    ]);
    expect((await call(c.stranger, 'GET', `/gateway/list?team_id=${c.teamId}`)).status).toBe(404);
    expect((await call(c.stranger, 'GET', '/gateway/list')).body.gateways).toEqual([]);
  });

  it('refuses a viewer the secret with a JSON 403 while the secret keeps working', async () => {
    const c = await crewWithTeam(app.url, 'viewers');
    const { gatewayId, secret } = await createGateway(app.url, c.owner, 'gw', c.teamId);
    const res = await call(c.viewer, 'GET', `/gateway/${gatewayId}/credentials`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: { message: expect.stringMatching(/member/), type: 'forbidden', code: 'forbidden' },
    });
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(await chatStatus(secret)).toBe(200);
  });

  it('adds members by email or id, once, and never to a personal team', async () => {
    const owner = await join(app.url);
    const teamId = await createTeam(app.url, owner, 'by email');
    const email = `teammate-${Date.now()}@example.com`;
    const registered = await api(app.url, 'POST', '/auth/register', {
      body: { email, password: 'correct horse battery' },
    });
    const added = await call(owner, 'POST', `/teams/${teamId}/members`, {
      email: email.toUpperCase(),
      role: 'member',
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      user_id: registered.body.user.id,
      username: registered.body.user.username,
      email,
      role: 'member',
      joined_at: expect.any(String),
    });
    const again = await call(owner, 'POST', `/teams/${teamId}/members`, {
      user_id: registered.body.user.id,
      role: 'viewer',
    });
    expect(again.status).toBe(409);
    const unknown = await call(owner, 'POST', `/teams/${teamId}/members`, {
      email: 'nobody@example.com',
      role: 'viewer',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/sign up/);
    const both = await call(owner, 'POST', `/teams/${teamId}/members`, {
      email,
      user_id: registered.body.user.id,
      role: 'viewer',
    });
    expect(both.status).toBe(400);
    const badRole = await call(owner, 'POST', `/teams/${teamId}/members`, {
      email,
      role: 'superuser',
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.message).toMatch(/^role:/);

    // A registered account proves who it is with its session (x-user-id is retired for it).
    const members = await api(app.url, 'GET', `/teams/${teamId}/members`, {
      headers: { authorization: `Bearer ${registered.body.token}` },
    });
    expect(members.body.members.map((m: { role: string }) => m.role)).toEqual(['owner', 'member']);

    const personal = (await call(owner, 'GET', '/teams')).body.teams[0];
    const intoPersonal = await call(owner, 'POST', `/teams/${personal.id}/members`, {
      email,
      role: 'viewer',
    });
    expect(intoPersonal.status).toBe(409);
  });

  it('lets admins manage members but never owners', async () => {
    const c = await crewWithTeam(app.url, 'admins');
    const members = `/teams/${c.teamId}/members`;
    expect((await call(c.admin, 'PATCH', `${members}/${c.member}`, { role: 'admin' })).status).toBe(
      200,
    );
    expect((await call(c.admin, 'PATCH', `${members}/${c.viewer}`, { role: 'owner' })).status).toBe(
      403,
    );
    expect((await call(c.admin, 'PATCH', `${members}/${c.owner}`, { role: 'admin' })).status).toBe(
      403,
    );
    expect((await call(c.admin, 'DELETE', `${members}/${c.owner}`)).status).toBe(403);
    expect((await call(c.admin, 'PATCH', `${members}/${c.admin}`, { role: 'owner' })).status).toBe(
      403,
    );
    expect(
      (await call(c.viewer, 'PATCH', `${members}/${c.viewer}`, { role: 'admin' })).status,
    ).toBe(403);
    expect((await call(c.admin, 'DELETE', `${members}/${c.viewer}`)).status).toBe(204);
    expect((await call(c.viewer, 'GET', `/teams/${c.teamId}`)).status).toBe(404);
    expect(
      (await call(c.admin, 'PATCH', `${members}/${c.stranger}`, { role: 'viewer' })).status,
    ).toBe(404);
  });

  it('never lets the last owner leave or step down; anyone else may leave', async () => {
    const c = await crewWithTeam(app.url, 'owners');
    const members = `/teams/${c.teamId}/members`;
    const leave = await call(c.owner, 'DELETE', `${members}/${c.owner}`);
    expect(leave.status).toBe(409);
    expect(leave.body.error.message).toMatch(/owner/);
    expect((await call(c.owner, 'PATCH', `${members}/${c.owner}`, { role: 'admin' })).status).toBe(
      409,
    );
    expect((await call(c.viewer, 'DELETE', `${members}/${c.viewer}`)).status).toBe(204);
    expect((await call(c.viewer, 'GET', `/teams/${c.teamId}`)).status).toBe(404);

    // With a second owner, the first may go.
    expect((await call(c.owner, 'PATCH', `${members}/${c.admin}`, { role: 'owner' })).status).toBe(
      200,
    );
    expect((await call(c.owner, 'DELETE', `${members}/${c.owner}`)).status).toBe(204);
    const left = await call(c.admin, 'GET', members);
    expect(left.body.members.filter((m: { role: string }) => m.role === 'owner')).toEqual([
      expect.objectContaining({ user_id: c.admin }),
    ]);
  });

  it('transfers ownership to a member, who then alone may delete the team’s gateways', async () => {
    const c = await crewWithTeam(app.url, 'transfer');
    const { gatewayId, secret } = await createGateway(app.url, c.owner, 'gw', c.teamId);
    expect(
      (await call(c.owner, 'POST', `/teams/${c.teamId}/transfer`, { user_id: c.stranger })).status,
    ).toBe(404);
    const res = await call(c.owner, 'POST', `/teams/${c.teamId}/transfer`, { user_id: c.member });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.teamId, role: 'admin' });
    expect((await call(c.member, 'GET', `/teams/${c.teamId}`)).body.role).toBe('owner');
    expect((await call(c.owner, 'DELETE', `/gateway/${gatewayId}`)).status).toBe(403);
    expect(await chatStatus(secret)).toBe(200);
    expect((await call(c.member, 'DELETE', `/gateway/${gatewayId}`)).status).toBe(204);
    expect(await chatStatus(secret)).toBe(401);

    const personal = (await call(c.owner, 'GET', '/teams')).body.teams[0];
    const fromPersonal = await call(c.owner, 'POST', `/teams/${personal.id}/transfer`, {
      user_id: c.member,
    });
    expect(fromPersonal.status).toBe(409);
  });

  it('refuses to delete a team that still owns gateways, whose secrets keep working', async () => {
    const c = await crewWithTeam(app.url, 'to delete');
    const { gatewayId, secret } = await createGateway(app.url, c.owner, 'gw', c.teamId);
    const refused = await call(c.owner, 'DELETE', `/teams/${c.teamId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/gateways/);
    expect(await chatStatus(secret)).toBe(200);

    expect((await call(c.owner, 'DELETE', `/gateway/${gatewayId}`)).status).toBe(204);
    expect((await call(c.owner, 'DELETE', `/teams/${c.teamId}`)).status).toBe(204);
    expect((await call(c.owner, 'GET', `/teams/${c.teamId}`)).status).toBe(404);
    expect(
      (await call(c.admin, 'GET', '/teams')).body.teams.map((t: { id: string }) => t.id),
    ).not.toContain(c.teamId);

    const personal = (await call(c.owner, 'GET', '/teams')).body.teams[0];
    expect((await call(c.owner, 'DELETE', `/teams/${personal.id}`)).status).toBe(409);
  });

  it('keeps a team gateway’s secret working through the SDK as members come and go', async () => {
    const c = await crewWithTeam(app.url, 'sdk');
    const { gatewayId } = await createGateway(app.url, c.owner, 'gw', c.teamId);
    const revealed = await call(c.member, 'GET', `/gateway/${gatewayId}/credentials`);
    expect(revealed.status).toBe(200);
    const secret = revealed.body.secret as string;
    expect(await chatStatus(secret)).toBe(200);

    const members = `/teams/${c.teamId}/members`;
    await call(c.owner, 'PATCH', `${members}/${c.member}`, { role: 'viewer' });
    expect((await call(c.member, 'GET', `/gateway/${gatewayId}/credentials`)).status).toBe(403);
    expect(await chatStatus(secret)).toBe(200);

    await call(c.owner, 'DELETE', `${members}/${c.member}`);
    expect((await call(c.member, 'GET', `/gateway/${gatewayId}/credentials`)).status).toBe(404);
    expect(await chatStatus(secret)).toBe(200);
    await addMember(app.url, c.teamId, c.owner, c.member, 'member');
    expect(await chatStatus(secret)).toBe(200);

    // Revoking access to the secret is rotating it, which an admin may do.
    const rotated = await call(c.admin, 'POST', `/gateway/${gatewayId}/regenerate`);
    expect(rotated.status).toBe(200);
    expect(await chatStatus(secret)).toBe(401);
    expect(await chatStatus(rotated.body.secret)).toBe(200);
  });

  it('moves a personal gateway into a team where the owner is an admin, secret unchanged', async () => {
    const c = await crewWithTeam(app.url, 'move here');
    const { gatewayId, secret } = await createGateway(app.url, c.admin, 'was personal');
    const other = await createTeam(app.url, c.stranger, 'elsewhere');
    await addMember(app.url, other, c.stranger, c.admin, 'member');
    expect(
      (await call(c.admin, 'POST', `/gateway/${gatewayId}/move`, { team_id: other })).status,
    ).toBe(403);

    const moved = await call(c.admin, 'POST', `/gateway/${gatewayId}/move`, { team_id: c.teamId });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: gatewayId, team_id: c.teamId, role: 'admin' });
    const seen = await call(c.viewer, 'GET', `/gateway/list?team_id=${c.teamId}`);
    expect(seen.body.gateways.map((g: { id: string }) => g.id)).toEqual([gatewayId]);
    expect(await chatStatus(secret)).toBe(200);
    // Now the team's owner decides: the admin who brought it cannot delete it.
    expect((await call(c.admin, 'DELETE', `/gateway/${gatewayId}`)).status).toBe(403);
  });
});
