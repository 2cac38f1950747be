import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { SecretBox } from '../../src/common/secret-box';
import { generateSecret, sha256Hex } from '../../src/common/secrets';
import { MIGRATIONS, dataSourceOptions } from '../../src/database/data-source';
import type { RunningServer } from '../../src/server';
import { FakeOpenAiUpstream } from '../support/fake-openai-upstream';
import { api, startTestApp } from '../support/test-app';

// The migration under test and everything after it are left out of the "before" schema.
const TEAMS_MIGRATION = 1764200000000;
const timestampOf = (m: { name: string }) => Number(/(\d{13})$/.exec(m.name)?.[1]);

/** The database as a release before teams left it: users and their gateways, no teams. */
async function databaseBeforeTeams(url: string): Promise<DataSource> {
  const ds = new DataSource({
    ...dataSourceOptions(url),
    entities: [],
    migrations: MIGRATIONS.filter((m) => timestampOf(m) < TEAMS_MIGRATION),
  });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

describe('the teams migration', () => {
  const base = new URL(process.env.DATABASE_URL!);
  const dbName = `${base.pathname.slice(1)}_before_teams_${process.pid}`;
  const url = Object.assign(new URL(base), { pathname: `/${dbName}` }).toString();
  let admin: DataSource;
  let app: RunningServer | undefined;
  let upstream: FakeOpenAiUpstream;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    admin = new DataSource({ type: 'postgres', url: base.toString() });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}"`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
  });
  afterAll(async () => {
    await app?.close();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}"`);
    await admin.destroy();
    await upstream?.stop();
  });

  it('moves each user’s gateways into their personal team: same user, same secret', async () => {
    const box = new SecretBox(Buffer.from('a'.repeat(64), 'hex'));
    const old = await databaseBeforeTeams(url);
    const [owner, other] = [randomUUID(), randomUUID()];
    const secrets = [generateSecret(), generateSecret()];
    const gatewayIds = [randomUUID(), randomUUID()];
    for (const id of [owner, other])
      await old.query(`INSERT INTO users (id, username) VALUES ($1, 'Old_Timer')`, [id]);
    for (const [i, id] of gatewayIds.entries()) {
      await old.query(
        `INSERT INTO gateways (id, user_id, name, secret_hash, secret_ciphertext, created_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
        [id, owner, `legacy ${i}`, sha256Hex(secrets[i]), box.encrypt(secrets[i]), i],
      );
    }
    await old.destroy();

    app = await startTestApp({
      DATABASE_URL: url,
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
    });
    const teams = await api(app.url, 'GET', '/teams', { userId: owner });
    expect(teams.body.teams).toEqual([expect.objectContaining({ personal: true, role: 'owner' })]);
    const list = await api(app.url, 'GET', '/gateway/list', { userId: owner });
    expect(list.body.gateways).toEqual(
      gatewayIds.map((id, i) => ({
        id,
        name: `legacy ${i}`,
        created_at: expect.any(String),
        team_id: teams.body.teams[0].id,
        role: 'owner',
      })),
    );
    const creds = await api(app.url, 'GET', `/gateway/${gatewayIds[0]}/credentials`, {
      userId: owner,
    });
    expect(creds.body.secret).toBe(secrets[0]);
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secrets[1] });
    const answer = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'still there?' }],
    });
    expect(answer.choices[0].message.content).toBe('Hello from fake');

    // A user without gateways gets a personal team of their own on first use, and sees nothing else.
    const otherTeams = await api(app.url, 'GET', '/teams', { userId: other });
    expect(otherTeams.body.teams).toEqual([
      expect.objectContaining({ personal: true, role: 'owner' }),
    ]);
    expect(otherTeams.body.teams[0].id).not.toBe(teams.body.teams[0].id);
    const peek = await api(app.url, 'GET', `/gateway/${gatewayIds[0]}/credentials`, {
      userId: other,
    });
    expect(peek.status).toBe(404);
  });
});
