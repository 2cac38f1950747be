import { backoffDelayMs, isRetriable, parseRetryAfter } from './backoff';

describe('isRetriable', () => {
  it.each([
    [{ ok: false, kind: 'connect' as const }, true],
    [{ ok: false, kind: 'timeout' as const }, true],
    [{ ok: false, kind: 'http' as const, status: 429 }, true],
    [{ ok: false, kind: 'http' as const, status: 500 }, true],
    [{ ok: false, kind: 'http' as const, status: 503 }, true],
    [{ ok: false, kind: 'http' as const, status: 400 }, false],
    [{ ok: false, kind: 'http' as const, status: 401 }, false],
    [{ ok: false, kind: 'http' as const, status: 404 }, false],
    [{ ok: true, status: 200 }, false],
  ])('%j → %s', (outcome, expected) => {
    expect(isRetriable(outcome)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds, including fractions', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent or garbage values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  const settings = { baseMs: 100, maxMs: 1_000 };

  it('grows the jitter ceiling exponentially up to maxMs', () => {
    const top = () => 0.999999;
    expect(backoffDelayMs(0, settings, { random: top })).toBe(99);
    expect(backoffDelayMs(1, settings, { random: top })).toBe(199);
    expect(backoffDelayMs(3, settings, { random: top })).toBe(799);
    expect(backoffDelayMs(10, settings, { random: top })).toBe(999);
  });

  it('spreads delays uniformly below the ceiling', () => {
    expect(backoffDelayMs(2, settings, { random: () => 0 })).toBe(0);
    expect(backoffDelayMs(2, settings, { random: () => 0.5 })).toBe(200);
  });

  it('waits at least as long as retry-after asks, even beyond maxMs', () => {
    expect(backoffDelayMs(0, settings, { random: () => 0.5, retryAfter: '2' })).toBe(2000);
  });

  it('keeps the jittered delay when retry-after is shorter', () => {
    expect(backoffDelayMs(3, settings, { random: () => 0.5, retryAfter: '0.1' })).toBe(400);
  });
});
