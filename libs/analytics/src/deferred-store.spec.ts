import type { AnalyticsStore } from './analytics-store';
import { DeferredInitStore } from './deferred-store';

/** A store that answers every query with one row and records what reached it. */
function answeringStore(): AnalyticsStore & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'clickhouse',
    calls,
    insertEvents: async () => void calls.push('insert'),
    query: async <T>(sql: string) => {
      calls.push(sql);
      return [{ ok: 1 }] as T[];
    },
    command: async (sql: string) => void calls.push(sql),
    close: async () => undefined,
  };
}

describe('DeferredInitStore', () => {
  it('fails calls while preparation fails, retries it on the next call, then passes calls through', async () => {
    const inner = answeringStore();
    let serverUp = false;
    let attempts = 0;
    const store = new DeferredInitStore(inner, async (s) => {
      attempts++;
      if (!serverUp)
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      await s.command('MIGRATE');
    });
    await expect(store.query('SELECT 1', {})).rejects.toThrow('ECONNREFUSED');
    await expect(store.insertEvents([], 't')).rejects.toThrow('ECONNREFUSED');
    expect(inner.calls).toEqual([]);

    serverUp = true;
    const [a, b] = await Promise.all([store.query('SELECT 1', {}), store.query('SELECT 2', {})]);
    expect(a).toEqual([{ ok: 1 }]);
    expect(b).toEqual([{ ok: 1 }]);
    // One preparation for both concurrent callers, then none again.
    expect(attempts).toBe(3);
    await store.insertEvents([], 't');
    expect(attempts).toBe(3);
    expect(inner.calls).toEqual(['MIGRATE', 'SELECT 1', 'SELECT 2', 'insert']);
  });
});
