import { ConcurrencyGate, QueueTimeoutError } from './concurrency-gate';

function gate(
  opts: Partial<{ limit: number; queueSize: number; queueTimeoutMs: number; queue: boolean }> = {},
) {
  const o = { limit: 2, queueSize: 1, queueTimeoutMs: 50, queue: true, ...opts };
  return { o, g: new ConcurrencyGate(() => o) };
}

describe('ConcurrencyGate', () => {
  it('admits up to the limit at once', async () => {
    const { g } = gate();
    const a = g.acquire();
    const b = g.acquire();
    expect(a).not.toBe('saturated');
    expect(b).not.toBe('saturated');
    await a;
    expect(g.inFlight).toBe(2);
  });

  it('says saturated when the queue is disabled', () => {
    const { g } = gate({ limit: 1, queue: false });
    expect(g.acquire()).not.toBe('saturated');
    expect(g.acquire()).toBe('saturated');
  });

  it('queues up to queueSize, then says saturated', () => {
    const { g } = gate({ limit: 1, queueSize: 1 });
    void g.acquire();
    const queued = g.acquire();
    expect(queued).toBeInstanceOf(Promise);
    expect(g.acquire()).toBe('saturated');
    expect(g.queued).toBe(1);
    (queued as Promise<() => void>).catch(() => undefined);
  });

  it('hands a released slot to the first waiter', async () => {
    const { g } = gate({ limit: 1 });
    const release = await (g.acquire() as Promise<() => void>);
    const waiting = g.acquire() as Promise<() => void>;
    release();
    release(); // idempotent
    const second = await waiting;
    expect(g.inFlight).toBe(1);
    second();
    expect(g.inFlight).toBe(0);
  });

  it('rejects a waiter after the queue timeout', async () => {
    const { g } = gate({ limit: 1, queueTimeoutMs: 20 });
    void g.acquire();
    await expect(g.acquire() as Promise<() => void>).rejects.toBeInstanceOf(QueueTimeoutError);
    expect(g.queued).toBe(0);
  });

  it('wakes waiters when the limit is raised', async () => {
    const { o, g } = gate({ limit: 1 });
    void g.acquire();
    const waiting = g.acquire() as Promise<() => void>;
    o.limit = 2;
    g.drain();
    await expect(waiting).resolves.toEqual(expect.any(Function));
    expect(g.inFlight).toBe(2);
  });
});
