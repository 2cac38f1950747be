import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../src/server';
import { startTestApp } from './support/test-app';

describe('the API serves the built dashboard at /', () => {
  let app: RunningServer;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'gw-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><title>Gateway</title><div id="root"></div>',
    );
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    app = await startTestApp({ WEB_DIST_DIR: dist });
  });
  afterAll(() => app?.close());

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('serves index.html at / and for client-side routes', async () => {
    for (const path of ['/', '/gateways/123/analytics', '/login']) {
      const res = await fetch(app.url + path, { headers: html });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Gateway</title>');
    }
  });

  it('serves built assets', async () => {
    const res = await fetch(`${app.url}/assets/app.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
  });

  it('never shadows an API route', async () => {
    const list = await fetch(`${app.url}/gateway/list`, { headers: html });
    expect(list.status).toBe(401);
    expect(((await list.json()) as { error: { message: string } }).error.message).toMatch(
      /x-user-id/,
    );
    const unknown = await fetch(`${app.url}/v1/does-not-exist`, { headers: html });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(
      (await fetch(`${app.url}/health`, { headers: html })).headers.get('content-type'),
    ).toContain('application/json');
  });
});
