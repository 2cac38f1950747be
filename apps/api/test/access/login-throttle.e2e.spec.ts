import type { RunningServer } from '../../src/server';
import { api, startTestApp } from '../support/test-app';
import { ADMIN_KEY, PASSWORD, createUser, email, sleep } from './access-harness';

// Each test's failures must fall in one window: under a loaded CI (two cores shared with the other
// suites, a password hash per attempt) four logins have taken more than 2 s.
const WINDOW_S = 6;

/** The same behaviour with counters in process memory and in Redis (shared by replicas). */
describe.each([
  { store: 'memory', env: {} },
  ...(process.env.REDIS_URL_FOR_TESTS
    ? [{ store: 'redis', env: { REDIS_URL: process.env.REDIS_URL_FOR_TESTS } }]
    : []),
])('login throttling ($store)', ({ env }) => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startTestApp({
      ADMIN_API_KEY: ADMIN_KEY,
      LOGIN_FAILURES_PER_ACCOUNT: '3',
      LOGIN_FAILURES_PER_ADDRESS: '1000',
      LOGIN_THROTTLE_WINDOW_S: String(WINDOW_S),
      ...env,
    });
  });
  afterAll(() => app?.close());

  const login = (address: string, password: string, ip?: string) =>
    api(app.url, 'POST', '/auth/login', {
      body: { email: address, password },
      headers: ip ? { 'x-forwarded-for': ip } : {},
    });

  it('answers 429 with retry-after once an account used up its failures, the right password too', async () => {
    const user = await createUser(app.url);
    for (let i = 0; i < 3; i++)
      expect((await login(user.email, 'wrong password')).status).toBe(401);
    const blocked = await login(user.email, 'wrong password');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatchObject({ code: 'rate_limited' });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_S);
    expect((await login(user.email, PASSWORD)).status).toBe(429);

    // The owner is back in once the window is over.
    await sleep(retryAfter * 1000 + 300);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });

  it('clears the account count on a successful login', async () => {
    const user = await createUser(app.url);
    for (let i = 0; i < 2; i++) await login(user.email, 'wrong password');
    expect((await login(user.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await login(user.email, 'wrong password')).status).toBe(401);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });

  it('counts unknown accounts too, so probing for emails gets throttled', async () => {
    const ghost = email('ghost');
    for (let i = 0; i < 3; i++) expect((await login(ghost, 'wrong password')).status).toBe(401);
    expect((await login(ghost, 'wrong password')).status).toBe(429);
  });
});

describe('login throttling per client address', () => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startTestApp({
      ADMIN_API_KEY: ADMIN_KEY,
      LOGIN_FAILURES_PER_ACCOUNT: '100',
      LOGIN_FAILURES_PER_ADDRESS: '4',
      LOGIN_THROTTLE_WINDOW_S: '60',
      // The test client plays a proxy: X-Forwarded-For names the client.
      TRUST_PROXY: '127.0.0.1',
    });
  });
  afterAll(() => app?.close());

  it('throttles one address trying many accounts, not the others', async () => {
    const login = (address: string, password: string, ip: string) =>
      api(app.url, 'POST', '/auth/login', {
        body: { email: address, password },
        headers: { 'x-forwarded-for': ip },
      });
    for (let i = 0; i < 4; i++) {
      expect((await login(email(`spray${i}`), 'wrong password', '203.0.113.7')).status).toBe(401);
    }
    const blocked = await login(email('spray'), 'wrong password', '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);

    const user = await createUser(app.url);
    expect((await login(user.email, PASSWORD, '198.51.100.9')).status).toBe(200);
  });
});
