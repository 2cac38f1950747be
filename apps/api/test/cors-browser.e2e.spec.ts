import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningServer } from '../src/server';
import { FakeOpenAiUpstream } from './support/fake-openai-upstream';
import { freePort } from './support/free-port';
import { api, startTestApp } from './support/test-app';

/** A web app's origin: serves one empty page, so scripts run with this origin. */
async function pageServer(port: number): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>app</title><p>app</p>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

interface BrowserAnswer {
  status?: number;
  body?: any;
  requestId?: string | null;
  error?: string;
}

/** What a script on `page` gets from a cross-origin fetch to the gateway. */
function callFromPage(
  page: Page,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<BrowserAnswer> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const res = await fetch(url, init);
        return {
          status: res.status,
          body: await res.json(),
          requestId: res.headers.get('x-gateway-request-id'),
        };
      } catch (err) {
        return { error: String(err) };
      }
    },
    { url, init },
  );
}

describe('CORS in a real browser (Chromium)', () => {
  let upstream: FakeOpenAiUpstream;
  let app: RunningServer;
  let browser: Browser;
  let allowed: Server;
  let stranger: Server;
  let allowedOrigin: string;
  let strangerOrigin: string;
  let secret: string;
  let userId: string;

  beforeAll(async () => {
    upstream = await new FakeOpenAiUpstream().start();
    allowed = await pageServer(await freePort());
    stranger = await pageServer(await freePort());
    allowedOrigin = `http://127.0.0.1:${(allowed.address() as AddressInfo).port}`;
    strangerOrigin = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
    app = await startTestApp({
      OPENAI_API_KEY: 'sk-upstream-test',
      OPENAI_BASE_URL: upstream.baseUrl,
      CORS_ORIGINS: `${allowedOrigin},https://other.example.test`,
    });
    userId = (await api(app.url, 'POST', '/auth/join')).body.id;
    secret = (await api(app.url, 'POST', '/gateway/create', { userId, body: { name: 'web-app' } }))
      .body.secret;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await upstream?.stop();
    allowed?.close();
    stranger?.close();
  });

  async function openPage(origin: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  // Authorization and a JSON body make the browser send a preflight first.
  const chat = () => ({
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'from the browser' }],
    }),
  });

  it('lets a page on an allowed origin call the proxy and the management API, and read the answers', async () => {
    const page = await openPage(allowedOrigin);
    try {
      const answer = await callFromPage(page, `${app.url}/v1/chat/completions`, chat());
      expect(answer.error).toBeUndefined();
      expect(answer.status).toBe(200);
      expect(answer.body.choices[0].message.content).toBe('Hello from fake');
      // An exposed gateway header is readable from the script.
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);

      const list = await callFromPage(page, `${app.url}/gateway/list`, {
        method: 'GET',
        headers: { 'x-user-id': userId },
      });
      expect(list.error).toBeUndefined();
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).toContain('web-app');
    } finally {
      await page.close();
    }
  });

  it('blocks a page on another origin: the request never reaches the provider', async () => {
    const page = await openPage(strangerOrigin);
    try {
      const before = upstream.requests.length;
      const answer = await callFromPage(page, `${app.url}/v1/chat/completions`, chat());
      expect(answer.status).toBeUndefined();
      expect(answer.error).toMatch(/Failed to fetch/);
      expect(upstream.requests.length).toBe(before);
      const list = await callFromPage(page, `${app.url}/gateway/list`, {
        method: 'GET',
        headers: { 'x-user-id': userId },
      });
      expect(list.error).toMatch(/Failed to fetch/);
    } finally {
      await page.close();
    }
  });
});
