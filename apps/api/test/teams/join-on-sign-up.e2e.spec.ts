// TeamsService.joinOnSignUp (what OIDC_DEFAULT_TEAM does for an account SSO creates) on the real
// database, called directly: the races a browser cannot time (sso-default-team.e2e.spec.ts drives it
// through a real identity provider).
import { randomUUID } from 'node:crypto';
import type { UserDto } from '../../src/modules/auth/dto/credentials.dto';
import { TeamsService } from '../../src/modules/teams/teams.service';
import type { RunningServer } from '../../src/server';
import { api, startTestApp } from '../support/test-app';
import { createTeam, join } from './team-fixtures';

const ADMIN_KEY = `join-admin-${randomUUID()}`;

describe('joining the default team of new SSO accounts', () => {
  let app: RunningServer;
  let teams: TeamsService;

  beforeAll(async () => {
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY });
    teams = app.app.get(TeamsService);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function newcomer(): Promise<UserDto> {
    return { id: await join(app.url), username: 'Newcomer', email: null, role: 'user' };
  }

  it('joins once when asked twice at once: one membership, one audit entry, the first role kept', async () => {
    const owner = await join(app.url);
    const name = `Shared ${randomUUID()}`;
    const teamId = await createTeam(app.url, owner, name);
    const user = await newcomer();

    const both = await Promise.all([
      teams.joinOnSignUp(user, teamId, 'member'),
      teams.joinOnSignUp(user, name, 'member'),
    ]);
    expect(both).toEqual([
      expect.objectContaining({ id: teamId, role: 'member', personal: false }),
      expect.objectContaining({ id: teamId, role: 'member', personal: false }),
    ]);
    expect(await teams.joinOnSignUp(user, name, 'admin')).toMatchObject({
      id: teamId,
      role: 'member',
    });

    const members = await api(app.url, 'GET', `/teams/${teamId}/members`, { userId: owner });
    expect(members.body.members).toEqual([
      expect.objectContaining({ user_id: owner, role: 'owner' }),
      expect.objectContaining({ user_id: user.id, role: 'member' }),
    ]);
    const log = await api(app.url, 'GET', `/audit?actor=${user.id}&action=team.member_add`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(log.body.events).toEqual([
      expect.objectContaining({
        actor: { type: 'user', id: user.id, label: 'Newcomer' },
        target: { type: 'team', id: teamId },
        details: { user_id: user.id, role: 'member', method: 'sso' },
      }),
    ]);
  });

  it('finds no team for a personal team (by id or by name), a name in another case, or an unknown id', async () => {
    const owner = await join(app.url);
    const name = `Own ${randomUUID()}`;
    const personal = (await api(app.url, 'GET', '/teams', { userId: owner })).body.teams[0];
    expect(personal.personal).toBe(true);
    await api(app.url, 'PATCH', `/teams/${personal.id}`, { userId: owner, body: { name } });
    await createTeam(app.url, owner, `Other ${name}`);
    const user = await newcomer();

    for (const ref of [personal.id, name, name.toUpperCase(), randomUUID()])
      expect(await teams.joinOnSignUp(user, ref, 'member')).toBeNull();
    const theirs = await api(app.url, 'GET', '/teams', { userId: user.id });
    expect(theirs.body.teams).toEqual([expect.objectContaining({ personal: true, role: 'owner' })]);
  });
});
