import { DirectorySync } from './directory-sync';

/** A read whose answer the test releases when it wants. */
function deferredRead<T>() {
  const pending: Array<(value: T) => void> = [];
  return {
    read: () => new Promise<T>((resolve) => pending.push(resolve)),
    answer: (value: T) => pending.shift()!(value),
    waiting: () => pending.length,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('DirectorySync', () => {
  const logger = { warn: jest.fn() };

  it('does not let a snapshot read before a local change undo it, and reads again', async () => {
    const sync = new DirectorySync('Test', logger);
    const dir = new Map<string, string>();
    const reads = deferredRead<Array<[string, string]>>();
    const reload = sync.replaceAll(reads.read, (rows) => {
      dir.clear();
      for (const [k, v] of rows) dir.set(k, v);
    });
    // A gateway is created while the snapshot (taken before it existed) is on its way.
    dir.set('new', 'gateway');
    sync.changed();
    reads.answer([['old', 'gateway']]);
    await tick();
    expect(dir.get('new')).toBe('gateway');
    // The second read sees the database as it is now.
    expect(reads.waiting()).toBe(1);
    reads.answer([
      ['old', 'gateway'],
      ['new', 'gateway'],
    ]);
    await expect(reload).resolves.toBe(true);
    expect([...dir.keys()].sort()).toEqual(['new', 'old']);
  });

  it('keeps the newer of two overlapping full reloads', async () => {
    const sync = new DirectorySync('Test', logger);
    let current = 'none';
    const a = deferredRead<string>();
    const b = deferredRead<string>();
    const older = sync.replaceAll(a.read, (v) => (current = v));
    const newer = sync.replaceAll(b.read, (v) => (current = v));
    b.answer('newer');
    await expect(newer).resolves.toBe(true);
    // The older read arrives late: not applied over the newer one, read again instead.
    a.answer('older');
    await tick();
    expect(current).toBe('newer');
    a.answer('read again');
    await expect(older).resolves.toBe(true);
    expect(current).toBe('read again');
  });

  it('gives up after three reads that all raced a change, leaving the directory as it was', async () => {
    const sync = new DirectorySync('Test', logger);
    let applied = 0;
    const reads = deferredRead<number>();
    const reload = sync.replaceAll(reads.read, () => applied++);
    for (let i = 0; i < 3; i++) {
      await tick();
      sync.changed();
      reads.answer(i);
    }
    await expect(reload).resolves.toBe(false);
    expect(applied).toBe(0);
  });

  it('refreshes on a timer and logs a failed refresh without the error escaping', async () => {
    jest.useFakeTimers();
    try {
      const sync = new DirectorySync('Key', logger);
      const reload = jest
        .fn<Promise<void>, []>()
        .mockRejectedValueOnce(new Error('connection refused'))
        .mockResolvedValue(undefined);
      sync.every(1000, reload);
      await jest.advanceTimersByTimeAsync(2000);
      expect(reload).toHaveBeenCalledTimes(2);
      expect(logger.warn).toHaveBeenCalledWith('Key refresh failed: connection refused');
      sync.stop();
      await jest.advanceTimersByTimeAsync(5000);
      expect(reload).toHaveBeenCalledTimes(2);
      sync.every(0, reload);
      await jest.advanceTimersByTimeAsync(5000);
      expect(reload).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
