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
