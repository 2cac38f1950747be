import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventRecorder, type RequestEvent } from '../src';
import { makeEvent, makeEvents } from './support/event.factory';
import { FlakyStore, sleep, waitFor } from './support/flaky-store';
import {
  countRollupRequests,
  countRows,
  openTestStore,
  type TestStoreHandle,
} from './support/test-store';

describe('EventRecorder (real engine)', () => {
  let h: TestStoreHandle;
  let dirSeq = 0;
  const recorders: EventRecorder[] = [];

  const spoolDir = () => join(h.dataDir, `spool-${++dirSeq}`);
  const track = (r: EventRecorder) => {
    recorders.push(r);
    return r;
  };

  beforeAll(async () => {
    h = await openTestStore();
  });

  afterEach(async () => {
    for (const r of recorders.splice(0)) await r.close();
  });

  afterAll(async () => {
    await h.dispose();
  });

  it('writes buffered events on the flush interval without an explicit flush', async () => {
    const rec = track(new EventRecorder(h.store, { spoolDir: spoolDir(), flushIntervalMs: 50 }));
    for (const ev of makeEvents(10, { gatewayId: 'gw-interval' })) rec.record(ev);
    expect(rec.stats().buffered).toBe(10);
    await waitFor(() => rec.stats().written === 10);
    expect(await countRows(h.store, 'gw-interval')).toBe(10);
    expect(rec.stats()).toMatchObject({ buffered: 0, spooledBatches: 0, written: 10 });
  });

  it('seals and writes a batch as soon as it reaches maxBatchRows', async () => {
    const rec = track(
      new EventRecorder(h.store, {
        spoolDir: spoolDir(),
        flushIntervalMs: 60_000,
        maxBatchRows: 100,
      }),
    );
    for (const ev of makeEvents(250, { gatewayId: 'gw-batch' })) rec.record(ev);
    await waitFor(() => rec.stats().written === 200);
    expect(rec.stats().buffered).toBe(50);
    expect(await countRows(h.store, 'gw-batch')).toBe(200);
    await rec.flush();
    expect(await countRows(h.store, 'gw-batch')).toBe(250);
  });

  it('records synchronously and never throws while the store is down', async () => {
    const flaky = new FlakyStore(h.store);
    flaky.failing = true;
    const errors: Error[] = [];
    const rec = track(
      new EventRecorder(flaky, {
        spoolDir: spoolDir(),
        flushIntervalMs: 20,
        onError: (e) => errors.push(e),
      }),
    );
    const events = makeEvents(20_000, { gatewayId: 'gw-down' });
    const started = performance.now();
    expect(() => events.forEach((ev) => rec.record(ev))).not.toThrow();
    expect(performance.now() - started).toBeLessThan(1000);
    await waitFor(() => errors.length > 0);
    expect(errors[0].message).toBe('analytics store unavailable');
    flaky.failing = false;
    await rec.flush();
    expect(await countRows(h.store, 'gw-down')).toBe(20_000);
  });

  it('loses nothing and counts nothing twice when the store fails for a while during N records', async () => {
    const N = 3000;
    const flaky = new FlakyStore(h.store);
    const errors: Error[] = [];
    const rec = track(
      new EventRecorder(flaky, {
        spoolDir: spoolDir(),
        flushIntervalMs: 10,
        maxBatchRows: 200,
        onError: (e) => errors.push(e),
      }),
    );
    const events = makeEvents(N, { gatewayId: 'gw-fault' });
    for (let i = 0; i < N; i++) {
      if (i === 500) flaky.failing = true;
      if (i === 2200) flaky.failing = false;
      rec.record(events[i]);
      if (i % 100 === 99) await sleep(5);
    }
    await waitFor(() => rec.stats().buffered === 0 && rec.stats().spooledBatches === 0, 30_000);
    expect(flaky.failedCalls).toBeGreaterThan(0);
    expect(errors.length).toBeGreaterThanOrEqual(flaky.failedCalls);
    expect(await countRows(h.store, 'gw-fault')).toBe(N);
    expect(await countRollupRequests(h.store, 'gw-fault')).toBe(N);
    const distinct = await h.store.query<{ n: number | string }>(
      'SELECT uniqExact(request_id) AS n FROM requests WHERE gateway_id = {g:String}',
      { g: 'gw-fault' },
    );
    expect(Number(distinct[0].n)).toBe(N);
  });

  it('deduplicates a replayed batch whose first write landed but was not acknowledged', async () => {
    const N = 1000;
    const flaky = new FlakyStore(h.store);
    flaky.failing = true;
    flaky.mode = 'lost-ack';
    const rec = track(
      new EventRecorder(flaky, {
        spoolDir: spoolDir(),
        flushIntervalMs: 60_000,
        maxBatchRows: 250,
        maxInsertRows: 250,
        onError: () => undefined,
      }),
    );
    for (const ev of makeEvents(N, { gatewayId: 'gw-lost-ack' })) rec.record(ev);
    await rec.flush();
    // The first batch landed before its failure; after it the store counts as down and the rest go
    // straight to the spool.
    expect(rec.stats().spooledBatches).toBe(4);
    expect(await countRows(h.store, 'gw-lost-ack')).toBe(250);
    flaky.failing = false;
    await rec.flush();
    expect(rec.stats()).toMatchObject({ buffered: 0, spooledBatches: 0, written: N });
    expect(await countRows(h.store, 'gw-lost-ack')).toBe(N);
    expect(await countRollupRequests(h.store, 'gw-lost-ack')).toBe(N);
  });

  it('spools everything on close while the store is down, and a new recorder on the spool replays it in order', async () => {
    const dir = spoolDir();
    const down = new FlakyStore(h.store);
    down.failing = true;
    const first = new EventRecorder(down, {
      spoolDir: dir,
      flushIntervalMs: 60_000,
      maxBatchRows: 300,
      maxInsertRows: 300,
      onError: () => undefined,
    });
    const events = makeEvents(1000, { gatewayId: 'gw-restart' });
    for (const ev of events) first.record(ev);
    await first.close();
    expect(first.stats()).toMatchObject({
      buffered: 0,
      spooledBatches: 4,
      spooledRows: 1000,
      written: 0,
      storeFailing: true,
    });
    const files = readdirSync(dir).filter((f) => f.endsWith('.seg'));
    expect(files).toHaveLength(4);
    expect([...files].sort()).toEqual(files.sort());

    const order: string[] = [];
    const recording = new FlakyStore(h.store);
    const spy = {
      ...recording,
      kind: recording.kind,
      insertEvents: (rows: RequestEvent[], token: string) => {
        order.push(rows[0].requestId);
        return recording.insertEvents(rows, token);
      },
      query: recording.query.bind(recording),
      command: recording.command.bind(recording),
      close: recording.close.bind(recording),
    };
    const second = track(new EventRecorder(spy, { spoolDir: dir, flushIntervalMs: 60_000 }));
    expect(second.stats().spooledBatches).toBe(4);
    await second.flush();
    expect(second.stats()).toMatchObject({ buffered: 0, spooledBatches: 0, written: 1000 });
    expect(order).toEqual(
      [events[0], events[300], events[600], events[900]].map((e) => e.requestId),
    );
    expect(readdirSync(dir)).toEqual([]);
    expect(await countRows(h.store, 'gw-restart')).toBe(1000);
  });

  it('counts every row once when two recorders replay the same spool', async () => {
    const dir = spoolDir();
    const down = new FlakyStore(h.store);
    down.failing = true;
    const writer = new EventRecorder(down, {
      spoolDir: dir,
      flushIntervalMs: 60_000,
      maxBatchRows: 100,
      maxInsertRows: 100,
      onError: () => undefined,
    });
    for (const ev of makeEvents(500, { gatewayId: 'gw-two-replayers' })) writer.record(ev);
    await writer.close();
    const errors: Error[] = [];
    const a = track(new EventRecorder(h.store, { spoolDir: dir, onError: (e) => errors.push(e) }));
    const b = track(new EventRecorder(h.store, { spoolDir: dir, onError: (e) => errors.push(e) }));
    await Promise.all([a.flush(), b.flush()]);
    expect(errors).toEqual([]);
    expect(a.stats().spooledBatches + b.stats().spooledBatches).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(await countRows(h.store, 'gw-two-replayers')).toBe(500);
  });

  it('keeps memory bounded by spooling when the store stops answering, then writes all of it', async () => {
    const flaky = new FlakyStore(h.store);
    flaky.hang();
    const rec = track(
      new EventRecorder(flaky, {
        spoolDir: spoolDir(),
        flushIntervalMs: 10,
        maxBatchRows: 50,
        maxBufferedRows: 200,
      }),
    );
    for (const ev of makeEvents(1000, { gatewayId: 'gw-bounded' })) rec.record(ev);
    try {
      await waitFor(() => rec.stats().buffered <= 250 && rec.stats().spooledBatches > 0);
      expect(rec.stats().buffered).toBeLessThanOrEqual(250);
    } finally {
      flaky.release();
    }
    await rec.flush();
    expect(rec.stats().buffered).toBe(0);
    expect(rec.stats().spooledBatches).toBe(0);
    expect(await countRows(h.store, 'gw-bounded')).toBe(1000);
  });

  it('combines batches queued behind a slow insert into one insert under one token', async () => {
    const flaky = new FlakyStore(h.store);
    flaky.hang();
    const rec = track(
      new EventRecorder(flaky, {
        spoolDir: spoolDir(),
        flushIntervalMs: 60_000,
        maxBatchRows: 100,
      }),
    );
    const events = makeEvents(1000, { gatewayId: 'gw-combine' });
    events.slice(0, 100).forEach((ev) => rec.record(ev));
    await waitFor(() => flaky.insertCalls === 1);
    events.slice(100).forEach((ev) => rec.record(ev));
    flaky.release();
    await rec.flush();
    expect(flaky.insertCalls).toBe(2);
    expect(rec.stats()).toMatchObject({ buffered: 0, spooledBatches: 0, written: 1000 });
    expect(await countRows(h.store, 'gw-combine')).toBe(1000);
  });

  it('still writes an event recorded after close', async () => {
    const rec = new EventRecorder(h.store, { spoolDir: spoolDir(), flushIntervalMs: 60_000 });
    await rec.close();
    rec.record(makeEvent({ gatewayId: 'gw-late' }));
    await waitFor(() => rec.stats().written === 1);
    expect(await countRows(h.store, 'gw-late')).toBe(1);
  });

  it('feeds live subscribers of the event gateway only, until they unsubscribe', async () => {
    const errors: Error[] = [];
    const rec = track(
      new EventRecorder(h.store, {
        spoolDir: spoolDir(),
        flushIntervalMs: 60_000,
        onError: (e) => errors.push(e),
      }),
    );
    const seen: string[] = [];
    const unsubscribe = rec.subscribe('gw-live', (ev) => seen.push(ev.requestId));
    rec.subscribe('gw-live', () => {
      throw new Error('subscriber failed');
    });
    const a = makeEvent({ gatewayId: 'gw-live' });
    const other = makeEvent({ gatewayId: 'gw-other' });
    rec.record(a);
    rec.record(other);
    unsubscribe();
    rec.record(makeEvent({ gatewayId: 'gw-live' }));
    expect(seen).toEqual([a.requestId]);
    expect(errors.map((e) => e.message)).toEqual(['subscriber failed', 'subscriber failed']);
    await rec.flush();
    expect(await countRows(h.store, 'gw-live')).toBe(2);
  });
});
