import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventRecorder, type RequestEvent } from '../src';
import { makeEvent, makeEvents } from './support/event.factory';
import { FlakyStore, waitFor } from './support/flaky-store';
import { RawStore } from './support/raw-store';
import {
  countRollupRequests,
  countRows,
  openTestStore,
  type TestStoreHandle,
} from './support/test-store';

const POISON = 'gpt-4o-mini\ud800';

function deadLetters(dir: string): { reason: string; time: string; event: RequestEvent }[] {
  const dl = join(dir, 'dead-letter');
  return readdirSync(dl).flatMap((f) =>
    readFileSync(join(dl, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
}

const segments = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.seg'));

describe('EventRecorder with rows the store rejects (real engine)', () => {
  let h: TestStoreHandle;
  let dirSeq = 0;
  const recorders: EventRecorder[] = [];
  const spoolDir = () => join(h.dataDir, `poison-${++dirSeq}`);
  const track = (r: EventRecorder) => {
    recorders.push(r);
    return r;
  };
  const quiet = { onError: () => undefined, onWarn: () => undefined };

  beforeAll(async () => {
    h = await openTestStore();
  });
  afterEach(async () => {
    for (const r of recorders.splice(0)) await r.close();
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('stores hostile values once sanitised: lone surrogates, NUL, 1 MB strings, NaN', async () => {
    const rec = track(
      new EventRecorder(h.store, { spoolDir: spoolDir(), flushIntervalMs: 60_000 }),
    );
    const hostile = makeEvent({
      gatewayId: 'gw-hostile',
      requestedModel: POISON,
      upstreamModel: 'm\u0000\udc00',
      errorMessage: 'nul\u0000 and \ud83d\ude00 and \ud800',
      requestBody: 'x'.repeat(1024 * 1024),
      tokensIn: NaN,
      latencyMs: Infinity,
      costUsd: NaN,
      timestamp: NaN,
    });
    rec.record(hostile);
    await rec.flush();
    const rows = await h.store.query<{ requested_model: string; error_message: string; n: number }>(
      `SELECT requested_model, error_message, length(request_body) AS n FROM requests
       WHERE gateway_id = 'gw-hostile'`,
      {},
    );
    expect(rows).toEqual([
      {
        requested_model: 'gpt-4o-mini\uFFFD',
        error_message: 'nul\u0000 and \ud83d\ude00 and \uFFFD',
        n: 64 * 1024,
      },
    ]);
    expect(rec.stats()).toMatchObject({ written: 1, deadLettered: 0 });
  });

  it('writes every good row of a batch and dead-letters the one the engine rejects', async () => {
    const raw = new RawStore(h.store);
    const dir = spoolDir();
    const warnings: string[] = [];
    const rec = track(
      new EventRecorder(raw, {
        spoolDir: dir,
        flushIntervalMs: 60_000,
        onError: () => undefined,
        onWarn: (m) => warnings.push(m),
      }),
    );
    const events = makeEvents(100, { gatewayId: 'gw-poison' });
    events[37] = makeEvent({ gatewayId: 'gw-poison', requestedModel: POISON });
    events.forEach((ev) => rec.record(ev));
    await rec.flush();
    expect(await countRows(h.store, 'gw-poison')).toBe(99);
    expect(await countRollupRequests(h.store, 'gw-poison')).toBe(99);
    const dead = deadLetters(dir);
    expect(dead).toHaveLength(1);
    expect(dead[0].event.requestId).toBe(events[37].requestId);
    expect(dead[0].event.requestedModel).toBe(POISON);
    expect(dead[0].reason).toMatch(/surrogate/);
    expect(rec.stats()).toMatchObject({
      written: 99,
      deadLettered: 1,
      storeFailing: false,
      spooledBatches: 0,
    });
    expect(warnings.some((w) => w.includes(events[37].requestId))).toBe(true);
    expect(segments(dir)).toEqual([]);
  });

  it('does not let a poisoned batch left on disk by a previous process block later ones, across restarts', async () => {
    const dir = spoolDir();
    // A previous process recorded a poisoned batch while the store was down, and exited.
    const down = new FlakyStore(h.store);
    down.failing = true;
    const previous = new EventRecorder(down, { spoolDir: dir, flushIntervalMs: 60_000, ...quiet });
    const before = makeEvents(20, { gatewayId: 'gw-poison-restart' });
    before[5] = makeEvent({ gatewayId: 'gw-poison-restart', upstreamModel: POISON });
    before.forEach((ev) => previous.record(ev));
    await previous.close();
    expect(segments(dir)).toHaveLength(1);

    // The next process (unsanitised inserts, as before the fix) writes its own rows and the old ones.
    const raw = new RawStore(h.store);
    const next = new EventRecorder(raw, { spoolDir: dir, flushIntervalMs: 20, ...quiet });
    makeEvents(30, { gatewayId: 'gw-poison-restart' }).forEach((ev) => next.record(ev));
    await waitFor(async () => (await countRows(h.store, 'gw-poison-restart')) === 49);
    await next.close();
    expect(next.stats()).toMatchObject({ deadLettered: 1, spooledBatches: 0 });
    expect(segments(dir)).toEqual([]);

    // And the one after that starts clean and keeps writing.
    const third = track(
      new EventRecorder(raw, { spoolDir: dir, flushIntervalMs: 60_000, ...quiet }),
    );
    makeEvents(10, { gatewayId: 'gw-poison-restart' }).forEach((ev) => third.record(ev));
    await third.flush();
    expect(await countRows(h.store, 'gw-poison-restart')).toBe(59);
    expect(deadLetters(dir).map((d) => d.event.requestId)).toEqual([before[5].requestId]);
  });

  it('isolates a head that keeps failing while the store answers, instead of retrying it forever', async () => {
    const raw = new RawStore(h.store);
    const cursed = makeEvent({ gatewayId: 'gw-cursed', requestId: `cursed-${process.pid}` });
    raw.fail = (rows) =>
      rows.some((r) => r.requestId === cursed.requestId)
        ? new Error('Code: 999. DB::Exception: something only this row triggers')
        : null;
    const dir = spoolDir();
    const rec = track(new EventRecorder(raw, { spoolDir: dir, flushIntervalMs: 20, ...quiet }));
    const good = makeEvents(40, { gatewayId: 'gw-cursed' });
    [...good.slice(0, 20), cursed, ...good.slice(20)].forEach((ev) => rec.record(ev));
    await waitFor(async () => (await countRows(h.store, 'gw-cursed')) === 40);
    await waitFor(() => rec.stats().deadLettered === 1);
    expect(deadLetters(dir).map((d) => d.event.requestId)).toEqual([cursed.requestId]);
  });

  it('never counts twice the rows of a leftover segment that already reached the store', async () => {
    const dir = spoolDir();
    // As if a process combined this segment into a larger insert (another token) and died before
    // deleting it; its last line was cut short by the crash.
    const events = makeEvents(50, { gatewayId: 'gw-leftover' });
    await h.store.insertEvents(events.slice(0, 30), 'some-other-token');
    mkdirSync(dir, { recursive: true });
    const lines = events.map((e) => JSON.stringify(e)).join('\n') + '\n{"timestamp":17';
    writeFileSync(join(dir, `${String(Date.now()).padStart(15, '0')}-000000000-1.seg`), lines);
    const errors: Error[] = [];
    const rec = track(
      new EventRecorder(h.store, { spoolDir: dir, onError: (e) => errors.push(e) }),
    );
    await rec.flush();
    expect(await countRows(h.store, 'gw-leftover')).toBe(50);
    expect(segments(dir)).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/1 unreadable lines/)]);
  });
});
