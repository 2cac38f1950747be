import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '../src/server';
import { api, startTestApp } from './support/test-app';

const REDIS_URL = process.env.REDIS_URL_FOR_TESTS ?? 'redis://127.0.0.1:6379';

describe('readiness with Redis', () => {
  let app: RunningServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('checks Redis when REDIS_URL is set, without credentials', async () => {
    app = await startTestApp({ REDIS_URL, LOG_LEVEL: 'silent' });
    const ready = await api(app.url, 'GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: { postgres: 'ok', analytics: 'ok', redis: 'ok' },
      details: { analytics: { spooled_batches: 0, spooled_rows: 0, dead_lettered: 0 } },
    });
  });

  it('is 503 naming Redis while it does not answer, and /health stays 200', async () => {
    // A port that accepts connections and never answers: the worst case for a PING.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'silent' });
      const ready = await api(app.url, 'GET', '/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'down',
        checks: { postgres: 'ok', analytics: 'ok', redis: 'down' },
      });
      const live = await api(app.url, 'GET', '/health');
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ status: 'ok', database: 'ok' });
    } finally {
      await app?.close();
      app = undefined;
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
