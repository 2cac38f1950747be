import {
  AdaptiveLimit,
  CircuitBreaker,
  ConcurrencyGate,
  LatencyAverage,
  isProviderFault,
  type BreakerSettings,
  type ConcurrencySettings,
} from '@gateway/routing';
import type { AttemptReport } from './routing.types';

/** A breaker transition, as broadcast to the other replicas. */
export interface BreakerEvent {
  healthKey: string;
  state: 'open' | 'closed';
  at: number;
  origin: string;
}

/** Live state of one provider: circuit breaker, latency average, adaptive limit and in-flight gate. */
export class ProviderHealth {
  readonly breaker: CircuitBreaker;
  readonly latency = new LatencyAverage();
  readonly limit: AdaptiveLimit;
  readonly gate: ConcurrencyGate;
  private concurrency: ConcurrencySettings;

  constructor(
    breaker: BreakerSettings,
    concurrency: ConcurrencySettings,
    private readonly now: () => number,
  ) {
    this.breaker = new CircuitBreaker(breaker, now);
    this.limit = new AdaptiveLimit(concurrency, now);
    this.concurrency = concurrency;
    this.gate = new ConcurrencyGate(() => ({
      limit: this.limit.limit,
      queueSize: this.concurrency.queueSize,
      queueTimeoutMs: this.concurrency.queueTimeoutMs,
      queue: this.concurrency.onSaturated === 'queue',
    }));
  }

  get concurrencySettings(): ConcurrencySettings {
    return this.concurrency;
  }

  configure(breaker: BreakerSettings, concurrency: ConcurrencySettings): void {
    this.breaker.configure(breaker);
    // Same object until the provider's configuration is reloaded: skip the deep compare then.
    if (
      concurrency !== this.concurrency &&
      JSON.stringify(concurrency) !== JSON.stringify(this.concurrency)
    ) {
      this.concurrency = concurrency;
      this.limit.configure(concurrency);
      this.gate.drain();
    }
  }

  /** Nothing worth keeping: closed circuit without failures, nothing in flight or queued. */
  idle(): boolean {
    return (
      this.breaker.state === 'closed' &&
      this.breaker.failureCount === 0 &&
      this.gate.inFlight === 0 &&
      this.gate.queued === 0
    );
  }

  /**
   * Feeds one attempt's outcome. Only failures that say something about the provider (timeouts,
   * refused connections, 429, 5xx) count against it; a 400 is the client's problem. Returns the
   * breaker transition it caused, if any.
   *
   * `bypassed`: the attempt went through although the breaker was not letting requests pass (every
   * candidate of the request was open; see planRoute). It counts as the half-open probe: a
   * success closes the breaker, a provider fault starts its cooldown again (locally: the circuit was
   * already open everywhere, nothing to broadcast).
   */
  report(outcome: AttemptReport, bypassed = false): 'open' | 'closed' | undefined {
    const providerFault = isProviderFault(outcome);
    if (outcome.ok) this.latency.add(outcome.latencyMs);
    this.limit.record(outcome.latencyMs, !providerFault);
    this.gate.drain();
    if (bypassed && this.breaker.state !== 'closed') {
      if (providerFault) {
        this.breaker.forceOpen(this.now());
        return undefined;
      }
      if (outcome.ok) {
        this.breaker.forceClose();
        return 'closed';
      }
      return undefined;
    }
    if (providerFault) return this.breaker.onFailure() ? 'open' : undefined;
    const before = this.breaker.state;
    this.breaker.onSuccess();
    return before !== 'closed' && this.breaker.state === 'closed' ? 'closed' : undefined;
  }
}

/** All providers' live state, created on first use and kept across configuration reloads. */
export class HealthRegistry {
  private readonly byKey = new Map<string, ProviderHealth>();
  // Openings reported by other replicas for providers this one has not routed to yet.
  private readonly pending = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  get(
    healthKey: string,
    breaker: BreakerSettings,
    concurrency: ConcurrencySettings,
  ): ProviderHealth {
    let health = this.byKey.get(healthKey);
    if (!health) {
      health = new ProviderHealth(breaker, concurrency, this.now);
      this.byKey.set(healthKey, health);
      const openedAt = this.pending.get(healthKey);
      this.pending.delete(healthKey);
      if (openedAt !== undefined && this.now() - openedAt < breaker.cooldownMs) {
        health.breaker.forceOpen(openedAt);
      }
    } else {
      health.configure(breaker, concurrency);
    }
    return health;
  }

  peek(healthKey: string): ProviderHealth | undefined {
    return this.byKey.get(healthKey);
  }

  /** Applies a transition observed by another replica. */
  apply(event: BreakerEvent): void {
    const health = this.byKey.get(event.healthKey);
    if (!health) {
      if (event.state === 'open') this.pending.set(event.healthKey, event.at);
      else this.pending.delete(event.healthKey);
      return;
    }
    if (event.state === 'open') health.breaker.forceOpen(event.at);
    else health.breaker.forceClose();
  }

  /**
   * Forgets providers that no longer exist. Environment providers are keyed per gateway
   * (`env:<provider>:<gatewayId>`) and the registry does not know which gateways still exist: their
   * entries go once idle (closed circuit, no failure counted, nothing in flight or queued), which
   * loses only a latency average that the next request starts again.
   */
  retain(keep: ReadonlySet<string>): void {
    for (const [key, health] of this.byKey) {
      if (key.startsWith('env:') ? health.idle() : !keep.has(key)) this.byKey.delete(key);
    }
  }
}
