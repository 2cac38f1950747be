import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyticsProcess } from '../src';
import { makeEvents } from './support/event.factory';
import { waitFor } from './support/flaky-store';

// The analytics process is the lib's built entry (dist/process/analytics-process.main.js): the real
// engine (chDB, or ClickHouse with CLICKHOUSE_URL) runs in a forked process, as in the product.
describe('AnalyticsProcess (forked, real engine)', () => {
  const dirs: string[] = [];
  const started: AnalyticsProcess[] = [];

  function start(dataDir = mkdtempSync(join(tmpdir(), 'gw-analytics-process-'))) {
    dirs.push(dataDir);
    const p = AnalyticsProcess.start({
      store: { url: process.env.CLICKHOUSE_URL, dataDir },
      spoolDir: join(dataDir, 'spool'),
      statsIntervalMs: 50,
      onLog: () => undefined,
    });
    started.push(p);
    return { p, dataDir };
  }

  const count = async (p: AnalyticsProcess, gatewayId: string) =>
    Number(
      (
        await p.store.query<{ n: number }>(
          'SELECT count() AS n FROM requests WHERE gateway_id = {g:String}',
          { g: gatewayId },
        )
      )[0].n,
    );

  afterAll(async () => {
    for (const p of started) await p.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes what the request process records and answers its queries', async () => {
    const { p } = start();
    for (const ev of makeEvents(25, { gatewayId: 'gw-child' })) p.recorder.record(ev);
    await p.recorder.flush();
    expect(await count(p, 'gw-child')).toBe(25);
    await waitFor(() => p.recorder.stats().written === 25);
    expect(p.recorder.stats()).toMatchObject({ buffered: 0, storeFailing: false, lastError: null });
    await expect(p.store.query('SELECT nonsense FROM nowhere', {})).rejects.toThrow();
  });

  it('stores every column of an event as sent (events cross the pipe packed)', async () => {
    const { p } = start();
    const [ev] = makeEvents(1, {
      gatewayId: 'gw-columns',
      clientRequestId: 'client-7',
      keyId: null,
      status: 502,
      errorType: 'upstream_error',
      errorMessage: 'bad gateway',
      stream: true,
      tokensCached: 11,
      tokensReasoning: 5,
      costUsd: null,
      ttftMs: 43,
      attempts: 3,
      responseId: 'chatcmpl-7',
      requestBody: '{"a":1}',
      responseBody: '{"b":2}',
    });
    p.recorder.record(ev);
    await p.recorder.flush();
    const [row] = await p.store.query<Record<string, unknown>>(
      `SELECT request_id, client_request_id, key_id, user_id, status, error_type, error_message, stream,
              tokens_in, tokens_cached, tokens_reasoning, cost_usd, ttft_ms, attempts, response_id,
              request_body, response_body
       FROM requests WHERE gateway_id = {g:String}`,
      { g: 'gw-columns' },
    );
    expect(row).toMatchObject({
      request_id: ev.requestId,
      client_request_id: 'client-7',
      key_id: null,
      user_id: ev.userId,
      status: 502,
      error_type: 'upstream_error',
      error_message: 'bad gateway',
      tokens_cached: 11,
      tokens_reasoning: 5,
      cost_usd: null,
      ttft_ms: 43,
      attempts: 3,
      response_id: 'chatcmpl-7',
      request_body: '{"a":1}',
      response_body: '{"b":2}',
    });
    expect(Boolean(row.stream)).toBe(true);
    expect(Number(row.tokens_in)).toBe(ev.tokensIn);
  });

  it('feeds live subscribers in the request process, synchronously', () => {
    const { p } = start();
    const seen: string[] = [];
    const off = p.recorder.subscribe('gw-live', (ev) => seen.push(ev.requestId));
    const [ev] = makeEvents(1, { gatewayId: 'gw-live' });
    p.recorder.record(ev);
    off();
    p.recorder.record(makeEvents(1, { gatewayId: 'gw-live' })[0]);
    expect(seen).toEqual([ev.requestId]);
  });

  it('restarts after being killed, and loses nothing it had received', async () => {
    const { p } = start();
    for (const ev of makeEvents(40, { gatewayId: 'gw-kill' })) p.recorder.record(ev);
    await p.recorder.flush();
    const pid = p.pid;
    process.kill(pid ?? 0, 'SIGKILL');
    await waitFor(() => p.recorder.stats().storeFailing, 5000);
    expect(p.recorder.stats().lastError).toMatch(/not running/);
    // Recorded while it is down: kept here, then handed to the new process.
    for (const ev of makeEvents(10, { gatewayId: 'gw-kill' })) p.recorder.record(ev);
    await waitFor(() => p.pid !== undefined && p.pid !== pid && p.storeReady, 10000);
    await p.recorder.flush();
    expect(await count(p, 'gw-kill')).toBe(50);
  });

  it('writes everything on stop, and what waited while it was down goes to the journal', async () => {
    const first = start();
    for (const ev of makeEvents(30, { gatewayId: 'gw-stop' })) first.p.recorder.record(ev);
    await first.p.stop();
    const spool = join(first.dataDir, 'spool');
    expect(readdirSync(spool).filter((f) => f.endsWith('.seg'))).toEqual([]);
    const again = start(first.dataDir);
    await waitFor(() => again.p.storeReady, 10000);
    expect(await count(again.p, 'gw-stop')).toBe(30);
  });
});
