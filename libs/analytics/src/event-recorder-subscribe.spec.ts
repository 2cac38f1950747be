import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsStore } from './analytics-store';
import { EventRecorder } from './event-recorder';
import type { RequestEvent } from './request-event';

// The listeners are the subject here, not the store: a store that keeps the rows it is given.
class ListStore implements AnalyticsStore {
  readonly kind = 'clickhouse' as const;
  readonly rows: RequestEvent[] = [];
  insertEvents(rows: RequestEvent[]): Promise<void> {
    this.rows.push(...rows);
    return Promise.resolve();
  }
  query<T>(): Promise<T[]> {
    return Promise.resolve([]);
  }
  command(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const ev = (requestId: string, gatewayId: string) =>
  ({ requestId, gatewayId, timestamp: 1 }) as RequestEvent;

describe('EventRecorder.subscribeAll', () => {
  it('feeds every gateway’s events to each listener until it unsubscribes', async () => {
    const store = new ListStore();
    const errors: Error[] = [];
    const recorder = new EventRecorder(store, {
      spoolDir: mkdtempSync(join(tmpdir(), 'recorder-all-')),
      onError: (e) => errors.push(e),
    });
    const seen: string[] = [];
    const perGateway: string[] = [];
    const off = recorder.subscribeAll((e) => seen.push(`${e.gatewayId}/${e.requestId}`));
    recorder.subscribe('g1', (e) => perGateway.push(e.requestId));
    // A listener that throws is reported and neither reaches record()'s caller nor the others.
    const offBad = recorder.subscribeAll(() => {
      throw new Error('listener broke');
    });
    recorder.record(ev('a', 'g1'));
    recorder.record(ev('b', 'g2'));
    off();
    offBad();
    recorder.record(ev('c', 'g1'));
    expect(seen).toEqual(['g1/a', 'g2/b']);
    expect(perGateway).toEqual(['a', 'c']);
    expect(errors.map((e) => e.message)).toEqual(['listener broke', 'listener broke']);
    await recorder.close();
    expect(store.rows.map((r) => r.requestId)).toEqual(['a', 'b', 'c']);
  });
});
