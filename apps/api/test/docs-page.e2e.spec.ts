import { ROUTES } from '@gateway/contracts';
// playwright-core is the dashboard's browser driver (apps/web); the API reference page is tested the same way.
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningServer } from '../src/server';
import { startTestApp } from './support/test-app';

describe('GET /docs in a real browser', () => {
  let app: RunningServer;
  let browser: Browser;
  let page: Page;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    // Offline: anything not served by the gateway itself is refused (and remembered).
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(app.url)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists every operation, with nothing loaded from elsewhere', async () => {
    await page.goto(`${app.url}/docs`);
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBe(Object.keys(ROUTES).length);
    await expect(page.locator('.info .title').textContent()).resolves.toContain('LLM Gateway');
    // Swagger UI lists resolver and parser problems in an errors panel.
    expect(await page.locator('.errors-wrapper').count()).toBe(0);
    for (const id of [
      'createChatCompletion',
      'createMessage',
      'generateContent',
      'createGateway',
    ]) {
      expect(await page.locator(`[id$="-${id}"]`).count()).toBe(1);
    }
    expect(elsewhere).toEqual([]);
  });

  it('calls GET /health with "Try it out"', async () => {
    const health = page.locator('#operations-Service-getHealth');
    await health.locator('.opblock-summary').click();
    await health.locator('.try-out__btn').click();
    await health.locator('button.execute').click();
    const answer = health.locator('.live-responses-table tbody tr.response');
    await answer.waitFor();
    expect((await answer.locator('.response-col_status').textContent())?.trim()).toBe('200');
    expect(await answer.locator('.response-col_description').textContent()).toContain(
      '"status": "ok"',
    );
    expect(elsewhere).toEqual([]);
  });
});
