import { IdleMemoryRelease } from './idle-memory';

describe('IdleMemoryRelease', () => {
  it('collects once after traffic stops, never while requests keep coming', () => {
    const collect = jest.fn();
    const release = new IdleMemoryRelease(collect);
    expect(release.tick()).toBe(false); // nothing happened since boot
    release.noteRequest();
    expect(release.tick()).toBe(false); // busy during this interval
    release.noteRequest();
    expect(release.tick()).toBe(false);
    expect(release.tick()).toBe(true); // a whole quiet interval after requests
    expect(release.tick()).toBe(false); // still quiet: already collected
    expect(collect).toHaveBeenCalledTimes(1);
    release.noteRequest();
    expect(release.tick()).toBe(false);
    expect(release.tick()).toBe(true);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('finds V8 gc without --expose-gc and it frees garbage', () => {
    const release = new IdleMemoryRelease();
    // The garbage lives only inside this function: unreachable once it returns.
    const before = (() => {
      const garbage = Array.from({ length: 200_000 }, (_, i) => ({ i }));
      expect(garbage).toHaveLength(200_000);
      return process.memoryUsage().heapUsed;
    })();
    release.noteRequest();
    release.tick();
    expect(release.tick()).toBe(true);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before);
  });
});
