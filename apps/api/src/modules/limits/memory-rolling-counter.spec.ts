import { MemoryRollingCounter } from './memory-rolling-counter';

describe('MemoryRollingCounter', () => {
  let clock: { t: number };
  let counter: MemoryRollingCounter;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = { t: 1_000_000 };
    counter = new MemoryRollingCounter(60, () => clock.t);
  });
  afterEach(() => {
    counter.stop();
    jest.useRealTimers();
  });

  it('starts a window at the first points and adds to it until it ends', () => {
    expect(counter.consume('k', 1)).toEqual({ consumedPoints: 1, msBeforeNext: 60_000 });
    clock.t += 20_000;
    expect(counter.consume('k', 2)).toEqual({ consumedPoints: 3, msBeforeNext: 40_000 });
    expect(counter.get('k')).toEqual({ consumedPoints: 3, msBeforeNext: 40_000 });
    clock.t += 39_999;
    expect(counter.consume('k', 1)).toEqual({ consumedPoints: 4, msBeforeNext: 1 });
  });

  it('resets once the window is over: the next points start a new one', () => {
    counter.consume('k', 5);
    clock.t += 60_000;
    expect(counter.get('k')).toBeNull();
    expect(counter.consume('k', 2)).toEqual({ consumedPoints: 2, msBeforeNext: 60_000 });
    clock.t += 30_000;
    expect(counter.get('k')).toEqual({ consumedPoints: 2, msBeforeNext: 30_000 });
  });

  it('keeps keys apart', () => {
    counter.consume('a', 1);
    counter.consume('b', 7);
    expect(counter.get('a')?.consumedPoints).toBe(1);
    expect(counter.get('b')?.consumedPoints).toBe(7);
    expect(counter.get('c')).toBeNull();
  });

  it('adds a penalty and takes back a reward within the window, without moving its end', () => {
    counter.consume('k', 10);
    clock.t += 15_000;
    expect(counter.penalty('k', 5)).toEqual({ consumedPoints: 15, msBeforeNext: 45_000 });
    expect(counter.reward('k', 12)).toEqual({ consumedPoints: 3, msBeforeNext: 45_000 });
  });

  it('starts a window with a penalty or reward when none is live (as RateLimiterMemory does)', () => {
    expect(counter.penalty('p', 4)).toEqual({ consumedPoints: 4, msBeforeNext: 60_000 });
    expect(counter.reward('r', 4)).toEqual({ consumedPoints: -4, msBeforeNext: 60_000 });
  });

  it('treats keys such as __proto__ and constructor as ordinary keys', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(counter.get(key)).toBeNull();
      expect(counter.consume(key, 2).consumedPoints).toBe(2);
      expect(counter.consume(key, 1).consumedPoints).toBe(3);
    }
    expect(counter.size).toBe(4);
  });

  it('sweeps the windows of idle keys periodically, and stops sweeping once none is left', () => {
    counter.consume('idle', 1);
    clock.t += 30_000;
    counter.consume('busy', 1);
    expect(jest.getTimerCount()).toBe(1);
    clock.t += 30_000; // idle's window is over, busy's is not
    jest.advanceTimersByTime(60_000);
    expect(counter.size).toBe(1);
    expect(counter.get('busy')?.consumedPoints).toBe(1);
    clock.t += 30_000;
    jest.advanceTimersByTime(60_000);
    expect(counter.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    counter.consume('again', 1);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('creates no timer per key window', () => {
    for (let i = 0; i < 1000; i++) counter.consume(`k${i}`, 1);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('sweeps a window shorter than a minute once per window', () => {
    const short = new MemoryRollingCounter(10, () => clock.t);
    short.consume('k', 1);
    clock.t += 10_000;
    jest.advanceTimersByTime(10_000);
    expect(short.size).toBe(0);
    short.stop();
  });
});
