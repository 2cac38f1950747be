import { DEFAULT_BREAKER, DEFAULT_CONCURRENCY } from '@gateway/routing';
import { HealthRegistry } from './provider-health';

describe('HealthRegistry', () => {
  const breaker = { ...DEFAULT_BREAKER, failureThreshold: 1, cooldownMs: 1_000 };

  it('opens a breaker on a 5xx, not on a 400, and closes it after a good half-open probe', () => {
    const clock = { t: 0 };
    const registry = new HealthRegistry(() => clock.t);
    const health = registry.get('p1', breaker, DEFAULT_CONCURRENCY);
    expect(health.report({ ok: false, status: 400, latencyMs: 5, kind: 'http' })).toBeUndefined();
    expect(health.report({ ok: false, status: 502, latencyMs: 5, kind: 'http' })).toBe('open');
    clock.t += 1_000;
    expect(health.breaker.tryPass()).toBe(true);
    expect(health.report({ ok: true, status: 200, latencyMs: 5 })).toBe('closed');
  });

  it('applies an opening from another replica that arrived before this one used the provider', () => {
    const clock = { t: 10_000 };
    const registry = new HealthRegistry(() => clock.t);
    registry.apply({ healthKey: 'p2', state: 'open', at: 9_500, origin: 'other' });
    expect(registry.get('p2', breaker, DEFAULT_CONCURRENCY).breaker.state).toBe('open');
  });

  it('ignores a remote opening whose cooldown has already passed', () => {
    const clock = { t: 10_000 };
    const registry = new HealthRegistry(() => clock.t);
    registry.apply({ healthKey: 'p3', state: 'open', at: 8_000, origin: 'other' });
    expect(registry.get('p3', breaker, DEFAULT_CONCURRENCY).breaker.state).toBe('closed');
  });

  it('forgets deleted providers, and environment ones (per gateway) once they are idle', () => {
    const registry = new HealthRegistry();
    registry.get('gone', breaker, DEFAULT_CONCURRENCY);
    registry.get('env:openai:g1', breaker, DEFAULT_CONCURRENCY);
    registry
      .get('env:openai:g2', breaker, DEFAULT_CONCURRENCY)
      .report({ ok: false, status: 500, latencyMs: 5, kind: 'http' });
    registry.retain(new Set());
    expect(registry.peek('gone')).toBeUndefined();
    expect(registry.peek('env:openai:g1')).toBeUndefined();
    expect(registry.peek('env:openai:g2')?.breaker.state).toBe('open');
  });

  it('counts a bypassed attempt through an open breaker as its probe', () => {
    const clock = { t: 0 };
    const registry = new HealthRegistry(() => clock.t);
    const health = registry.get('p4', breaker, DEFAULT_CONCURRENCY);
    health.report({ ok: false, status: 500, latencyMs: 5, kind: 'http' });
    clock.t += 400;
    // A failure restarts the cooldown without a new transition to broadcast.
    expect(health.report({ ok: false, kind: 'connect', latencyMs: 5 }, true)).toBeUndefined();
    expect(health.breaker.openedSince).toBe(400);
    // A client error says nothing either way.
    expect(health.report({ ok: false, status: 400, latencyMs: 5, kind: 'http' }, true)).toBe(
      undefined,
    );
    expect(health.breaker.state).toBe('open');
    expect(health.report({ ok: true, status: 200, latencyMs: 5 }, true)).toBe('closed');
    expect(health.breaker.state).toBe('closed');
  });
});
