import { CircuitBreaker } from './circuit-breaker';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('CircuitBreaker', () => {
  const settings = { failureThreshold: 3, windowMs: 10_000, cooldownMs: 5_000 };

  it('stays closed below the failure threshold', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
    expect(b.tryPass()).toBe(true);
  });

  it('opens exactly at the threshold within the window and refuses requests', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    expect(b.onFailure()).toBe(false);
    expect(b.onFailure()).toBe(false);
    expect(b.onFailure()).toBe(true);
    expect(b.state).toBe('open');
    expect(b.tryPass()).toBe(false);
    expect(b.isAvailable()).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    b.onFailure();
    b.onFailure();
    c.t += 10_001;
    b.onFailure();
    expect(b.state).toBe('closed');
    expect(b.failureCount).toBe(1);
  });

  it('goes half-open after the cooldown and lets exactly one probe through', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    for (let i = 0; i < 3; i += 1) b.onFailure();
    c.t += 4_999;
    expect(b.state).toBe('open');
    c.t += 1;
    expect(b.state).toBe('half_open');
    expect(b.tryPass()).toBe(true);
    expect(b.tryPass()).toBe(false);
  });

  it('frees a probe slot whose outcome never arrived after one more cooldown', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    for (let i = 0; i < 3; i += 1) b.onFailure();
    c.t += 5_000;
    expect(b.tryPass()).toBe(true);
    c.t += 4_999;
    expect(b.tryPass()).toBe(false);
    c.t += 1;
    expect(b.tryPass()).toBe(true);
  });

  it('closes when the half-open probe succeeds', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    for (let i = 0; i < 3; i += 1) b.onFailure();
    c.t += 5_000;
    b.tryPass();
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.failureCount).toBe(0);
    expect(b.tryPass()).toBe(true);
  });

  it('re-opens for a full cooldown when the probe fails', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    for (let i = 0; i < 3; i += 1) b.onFailure();
    c.t += 5_000;
    b.tryPass();
    expect(b.onFailure()).toBe(true);
    expect(b.state).toBe('open');
    c.t += 4_999;
    expect(b.state).toBe('open');
    c.t += 1;
    expect(b.state).toBe('half_open');
  });

  it('ignores a late success from before the circuit opened', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    for (let i = 0; i < 3; i += 1) b.onFailure();
    b.onSuccess();
    expect(b.state).toBe('open');
  });

  it('applies an opening reported by another replica', () => {
    const c = clock();
    const b = new CircuitBreaker(settings, c.now);
    b.forceOpen(c.t - 2_000);
    expect(b.state).toBe('open');
    c.t += 3_000;
    expect(b.state).toBe('half_open');
    b.forceClose();
    expect(b.state).toBe('closed');
  });
});
