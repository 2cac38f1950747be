// OIDC_DEFAULT_TEAM and OIDC_DEFAULT_ROLE end to end: built gateways (child processes, one per setting)
// against a real OpenID Connect provider, driven like a browser, membership read back through the
// teams API as the signed-in user.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startChildServer, type ChildServer } from './support/child-server';
import { visit } from './support/cookie-jar';
import { freePort } from './support/free-port';
import { exchangeSso, insertAccount, reachCallback, signInWithSso } from './support/sso-browser';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './support/oidc-provider-process';
import { api } from './support/test-app';

// Fresh names per run: the test database outlives it.
const run = randomUUID().slice(0, 8);
const TEAM_NAME = `Engineering ${run}`;
const ADMIN_KEY = `sso-team-admin-${randomUUID()}`;
const dataDirs: string[] = [];
const gateways: ChildServer[] = [];
let idp: TestIdentityProvider;
let db: Client;
// Ports fixed up front: the provider knows every gateway's callback from its start.
let ports: { byName: number; byId: number; byPersonalId: number };
let byName: ChildServer;

function startGateway(port: number, env: Record<string, string>): Promise<ChildServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-sso-team-'));
  dataDirs.push(dataDir);
  return startChildServer({
    PORT: String(port),
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: 'd'.repeat(64),
    LOG_LEVEL: 'info',
    SIGNUP_MODE: 'invite',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    OIDC_ISSUER_URL: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOWED_DOMAINS: 'example.com',
    ADMIN_API_KEY: ADMIN_KEY,
    ...env,
  }).then((gw) => (gateways.push(gw), gw));
}

beforeAll(async () => {
  ports = { byName: await freePort(), byId: await freePort(), byPersonalId: await freePort() };
  idp = await startTestIdentityProvider(
    Object.values(ports).map((p) => `http://127.0.0.1:${p}/auth/oidc/callback`),
  );
  byName = await startGateway(ports.byName, { OIDC_DEFAULT_TEAM: TEAM_NAME });
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  for (const gw of gateways) await gw.stop();
  await idp?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

interface Account {
  id: string;
  token: string;
}

/** A complete SSO sign-in through `gw`: the account and its session token. */
async function signIn(gw: ChildServer, email: string): Promise<Account> {
  const { jar, callback } = await signInWithSso(gw.url, email);
  expect(callback.status).toBe(303);
  const session = await exchangeSso(gw.url, jar);
  expect(session.status).toBe(200);
  return { id: session.body.user.id, token: session.body.token };
}

function as(gw: ChildServer, who: Account, method: string, path: string, body?: unknown) {
  return api(gw.url, method, path, { headers: { authorization: `Bearer ${who.token}` }, body });
}

/** The user's teams as GET /teams shows them to the user: id, personal or not, role. */
async function teamsOf(gw: ChildServer, who: Account) {
  const res = await as(gw, who, 'GET', '/teams');
  expect(res.status).toBe(200);
  return res.body.teams.map((t: { id: string; name: string; personal: boolean; role: string }) => ({
    id: t.id,
    personal: t.personal,
    role: t.role,
  }));
}

async function memberAdds(gw: ChildServer, userId: string) {
  const res = await api(gw.url, 'GET', `/audit?actor=${userId}&action=team.*`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  expect(res.status).toBe(200);
  return res.body.events;
}

/** Whether the gateway logged `text` (its output is read from a pipe: it may trail the answer). */
async function logged(gw: ChildServer, text: string): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (!gw.output().includes(text) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  return gw.output().includes(text);
}

const personalOnly = [{ id: expect.any(String), personal: true, role: 'owner' }];

// Filled as the tests go: who owns the teams named TEAM_NAME, the two shared ones and the personal one.
let owner: Account;
const teams = { oldest: '', newer: '', personal: '' };

describe('OIDC_DEFAULT_TEAM named by name', () => {
  it('signs a new user in without a team while no shared team has that name, warns, creates none', async () => {
    const early = await signIn(byName, `early-${run}@example.com`);
    expect(await teamsOf(byName, early)).toEqual(personalOnly);
    const made = await db.query('SELECT 1 FROM teams WHERE name = $1', [TEAM_NAME]);
    expect(made.rowCount).toBe(0);
    const warning = `OIDC_DEFAULT_TEAM=${JSON.stringify(TEAM_NAME)} names no shared team (by id, or by exact name): new account ${early.id} joined no team`;
    expect(await logged(byName, warning)).toBe(true);
  });

  it('puts a new user in the oldest shared team of that name with the default role, never a personal team of that name', async () => {
    owner = await signIn(byName, `owner-${run}@example.com`);
    // The owner's personal team, renamed to the same name: older than both shared teams.
    const [personal] = await teamsOf(byName, owner);
    expect(
      (await as(byName, owner, 'PATCH', `/teams/${personal.id}`, { name: TEAM_NAME })).status,
    ).toBe(200);
    const oldest = await as(byName, owner, 'POST', '/teams', { name: TEAM_NAME });
    const newer = await as(byName, owner, 'POST', '/teams', { name: TEAM_NAME });
    expect([oldest.status, newer.status]).toEqual([201, 201]);
    Object.assign(teams, {
      oldest: oldest.body.id,
      newer: newer.body.id,
      personal: personal.id,
    });

    const newcomer = await signIn(byName, `newcomer-${run}@example.com`);
    expect(await teamsOf(byName, newcomer)).toEqual([
      ...personalOnly,
      { id: teams.oldest, personal: false, role: 'member' },
    ]);
    const members = await as(byName, newcomer, 'GET', `/teams/${teams.oldest}/members`);
    expect(members.body.members).toEqual([
      expect.objectContaining({ user_id: owner.id, role: 'owner' }),
      expect.objectContaining({
        user_id: newcomer.id,
        email: `newcomer-${run}@example.com`,
        role: 'member',
      }),
    ]);
    expect(await memberAdds(byName, newcomer.id)).toEqual([
      expect.objectContaining({
        action: 'team.member_add',
        actor: { type: 'user', id: newcomer.id, label: `newcomer-${run}@example.com` },
        target: { type: 'team', id: teams.oldest },
        details: { user_id: newcomer.id, role: 'member', method: 'sso' },
      }),
    ]);
  });

  it('leaves an existing account as it is on later sign-ins: not added, not re-added, role kept', async () => {
    const { oldest } = teams;
    const early = await signIn(byName, `early-${run}@example.com`);
    expect(await teamsOf(byName, early)).toEqual(personalOnly);

    const demoted = await signIn(byName, `demoted-${run}@example.com`);
    const changed = await as(byName, owner, 'PATCH', `/teams/${oldest}/members/${demoted.id}`, {
      role: 'viewer',
    });
    expect(changed.status).toBe(200);
    const removed = await signIn(byName, `removed-${run}@example.com`);
    expect(
      (await as(byName, owner, 'DELETE', `/teams/${oldest}/members/${removed.id}`)).status,
    ).toBe(204);

    const demotedAgain = await signIn(byName, `demoted-${run}@example.com`);
    expect(demotedAgain.id).toBe(demoted.id);
    expect(await teamsOf(byName, demotedAgain)).toEqual([
      ...personalOnly,
      { id: oldest, personal: false, role: 'viewer' },
    ]);
    expect(await teamsOf(byName, await signIn(byName, `removed-${run}@example.com`))).toEqual(
      personalOnly,
    );
    expect(await memberAdds(byName, demoted.id)).toHaveLength(1);
  });

  it('does not add an existing password account that single sign-on links', async () => {
    const email = `linked-${run}@example.com`;
    const id = await insertAccount(db, 'Lin', email);
    const linked = await signIn(byName, email);
    expect(linked.id).toBe(id);
    expect(await teamsOf(byName, linked)).toEqual(personalOnly);
  });

  it('makes one account with one membership when the first two sign-ins of a person arrive at once', async () => {
    const email = `twice-${run}@example.com`;
    const [a, b] = await Promise.all([
      reachCallback(byName.url, email),
      reachCallback(byName.url, email),
    ]);
    const callbacks = await Promise.all([visit(a.jar, a.callbackUrl), visit(b.jar, b.callbackUrl)]);
    expect(callbacks.map((c) => c.status)).toEqual([303, 303]);
    const sessions = await Promise.all([
      exchangeSso(byName.url, a.jar),
      exchangeSso(byName.url, b.jar),
    ]);
    const [first, second] = sessions.map((s) => ({ id: s.body.user.id, token: s.body.token }));
    expect(second.id).toBe(first.id);
    expect(await teamsOf(byName, first)).toEqual([
      ...personalOnly,
      { id: teams.oldest, personal: false, role: 'member' },
    ]);
    expect(await memberAdds(byName, first.id)).toHaveLength(1);
  });
});

describe('OIDC_DEFAULT_TEAM named by id', () => {
  let byId: ChildServer;
  let byPersonalId: ChildServer;

  beforeAll(async () => {
    // The newer of the two same-named teams, by id (upper case: still the same UUID), as an admin.
    [byId, byPersonalId] = await Promise.all([
      startGateway(ports.byId, {
        OIDC_DEFAULT_TEAM: teams.newer.toUpperCase(),
        OIDC_DEFAULT_ROLE: 'admin',
      }),
      startGateway(ports.byPersonalId, { OIDC_DEFAULT_TEAM: teams.personal }),
    ]);
  });

  it('puts a new user in the team with that id and OIDC_DEFAULT_ROLE', async () => {
    const user = await signIn(byId, `by-id-${run}@example.com`);
    expect(await teamsOf(byId, user)).toEqual([
      ...personalOnly,
      { id: teams.newer, personal: false, role: 'admin' },
    ]);
    const members = await as(byId, owner, 'GET', `/teams/${teams.newer}/members`);
    expect(members.body.members).toContainEqual(
      expect.objectContaining({ user_id: user.id, role: 'admin' }),
    );
  });

  it('never puts anyone in a personal team, even named by its id', async () => {
    const user = await signIn(byPersonalId, `by-personal-id-${run}@example.com`);
    expect(await teamsOf(byPersonalId, user)).toEqual(personalOnly);
    const members = await as(byPersonalId, owner, 'GET', `/teams/${teams.personal}/members`);
    expect(members.body.members).toEqual([expect.objectContaining({ user_id: owner.id })]);
    expect(await logged(byPersonalId, `new account ${user.id} joined no team`)).toBe(true);
  });

  it('never writes the client secret to its log', () => {
    for (const gw of gateways) expect(gw.output()).not.toContain(idp.clientSecret);
  });
});
