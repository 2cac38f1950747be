import { AdaptiveLimit, DEFAULT_CONCURRENCY, type ConcurrencySettings } from './adaptive-limit';

const adaptive: ConcurrencySettings = {
  ...DEFAULT_CONCURRENCY,
  mode: 'adaptive',
  min: 2,
  max: 20,
  latencyLowMs: 100,
  latencyHighMs: 500,
  errorRateThreshold: 0.2,
  increaseStep: 2,
  decreaseFactor: 0.5,
  windowMs: 1_000,
  cooldownMs: 3_000,
};

function setup(settings = adaptive) {
  const c = { t: 0 };
  const limit = new AdaptiveLimit(settings, () => c.t);
  /** Feeds one window of samples and closes it. */
  const window = (latencyMs: number, ok = true, count = 5) => {
    for (let i = 0; i < count; i += 1) limit.record(latencyMs, ok);
    c.t += settings.windowMs;
    return limit.maybeEvaluate();
  };
  return { c, limit, window };
}

describe('AdaptiveLimit', () => {
  it('uses max as a static limit in fixed mode', () => {
    const { limit, window } = setup({ ...adaptive, mode: 'fixed' });
    expect(limit.limit).toBe(20);
    window(5_000, false);
    expect(limit.limit).toBe(20);
  });

  it('starts half-way between min and max', () => {
    expect(setup().limit.limit).toBe(11);
  });

  it('rises by the step each window while latency and errors stay low, up to max', () => {
    const { limit, window } = setup();
    expect(window(50)).toBe('increase');
    expect(limit.limit).toBe(13);
    for (let i = 0; i < 10; i += 1) window(50);
    expect(limit.limit).toBe(20);
  });

  it('holds between the latency thresholds', () => {
    const { limit, window } = setup();
    expect(window(300)).toBe('none');
    expect(limit.limit).toBe(11);
  });

  it('falls by the decrease factor when latency passes the high threshold', () => {
    const { limit, window } = setup();
    expect(window(800)).toBe('decrease');
    expect(limit.limit).toBe(5);
  });

  it('falls faster (factor squared) when the error rate passes its threshold', () => {
    const { limit, window } = setup({ ...adaptive, min: 1 });
    expect(window(50, false)).toBe('error-decrease');
    expect(limit.limit).toBe(2);
  });

  it('never goes below min', () => {
    const { limit, window } = setup();
    window(50, false);
    window(50, false);
    expect(limit.limit).toBe(2);
  });

  it('waits for the cooldown after a decrease before rising again', () => {
    const { limit, window } = setup();
    window(800);
    expect(limit.limit).toBe(5);
    expect(window(50)).toBe('none');
    expect(window(50)).toBe('none');
    expect(window(50)).toBe('increase');
    expect(limit.limit).toBe(7);
  });

  it('does not judge a window without samples', () => {
    const { c, limit } = setup();
    c.t += 5_000;
    expect(limit.maybeEvaluate()).toBe('none');
    expect(limit.limit).toBe(11);
  });
});
