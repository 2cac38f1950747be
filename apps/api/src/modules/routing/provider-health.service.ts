import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_CONCURRENCY, type ConcurrencySettings } from '@gateway/routing';
import { RedisConnection } from '../redis/redis-connection';
import { BreakerBroadcast } from './breaker-broadcast';
import { GatewayConfig } from './gateway-config';
import { HealthRegistry, type ProviderHealth } from './provider-health';
import type { HealthSnapshot } from './route-planner';
import { ProviderSaturatedError } from './routing.errors';
import type { AttemptReport, RouteCandidate } from './routing.types';
import { SharedConcurrency } from './shared-concurrency';

// The environment's providers have no settings of their own: effectively unlimited concurrency.
export const ENV_CONCURRENCY: ConcurrencySettings = {
  ...DEFAULT_CONCURRENCY,
  mode: 'fixed',
  max: 1024,
};

/**
 * Live state of every provider a request may go to: circuit breaker, latency average, adaptive
 * concurrency limit and its gate (plus, with Redis, leases shared by every replica). Fed by the
 * outcome of each attempt; breaker transitions are broadcast to the other replicas.
 */
@Injectable()
export class ProviderHealthService {
  private readonly logger = new Logger(ProviderHealthService.name);
  private readonly registry = new HealthRegistry();
  private readonly shared?: SharedConcurrency;

  constructor(
    private readonly config: GatewayConfig,
    private readonly broadcast: BreakerBroadcast,
    redis: RedisConnection,
  ) {
    if (redis.client) this.shared = new SharedConcurrency(redis.client, redis.prefix);
    config.onReload(() => this.registry.retain(config.providerIds()));
    broadcast.onRemote((event) => this.registry.apply(event));
  }

  /** The candidate's live state (created on first use with the gateway's current settings). */
  healthOf(c: RouteCandidate): ProviderHealth {
    const settings = this.config.settingsFor(c.gatewayId);
    const concurrency =
      c.source.kind === 'gateway'
        ? (this.config.provider(c.source.providerId)?.concurrency ?? ENV_CONCURRENCY)
        : ENV_CONCURRENCY;
    return this.registry.get(
      c.healthKey,
      {
        failureThreshold: settings.breaker.failure_threshold,
        windowMs: settings.breaker.window_ms,
        cooldownMs: settings.breaker.cooldown_ms,
      },
      concurrency,
    );
  }

  /** What the route planner reads of a candidate. */
  snapshot(c: RouteCandidate): HealthSnapshot {
    const h = this.healthOf(c);
    return {
      latencyMs: h.latency.average,
      breaker: h.breaker.state,
      failures: h.breaker.failureCount,
      openedSince: h.breaker.openedSince,
      available: h.breaker.isAvailable(),
    };
  }

  /** The live state of a provider if it has any yet (management views must not create entries). */
  peek(healthKey: string): ProviderHealth | undefined {
    return this.registry.peek(healthKey);
  }

  /**
   * A concurrency slot on the candidate's provider. `'saturated'` (synchronously) means: go to the
   * next candidate. Otherwise the promise resolves with the release function once a slot is free;
   * it rejects with `QueueTimeoutError` after the provider's queue timeout, or (Redis mode, limit
   * reached across replicas) with `ProviderSaturatedError`; both also mean "try the next one".
   * Call `report` after the attempt and the release function when the response has finished.
   */
  acquire(candidate: RouteCandidate): Promise<() => void> | 'saturated' {
    const health = this.healthOf(candidate);
    if (!candidate.breakerBypassed && !health.breaker.isAvailable()) return 'saturated';
    const slot = health.gate.acquire();
    if (slot === 'saturated') return slot;
    const shared = candidate.source.kind === 'env' ? undefined : this.shared;
    return slot.then(async (release) => {
      let lease: string | undefined;
      if (shared) {
        const c = health.concurrencySettings;
        try {
          lease = await shared.acquireWithin(
            candidate.healthKey,
            health.limit.limit,
            Math.max(candidate.timeoutMs, 60_000) + 60_000,
            c.onSaturated === 'queue' ? c.queueTimeoutMs : 0,
          );
        } catch (err) {
          // Redis unreachable: this replica's own limit still holds.
          this.logger.warn(`Shared concurrency unavailable: ${(err as Error).message}`);
          lease = '';
        }
        if (lease === undefined) {
          release();
          throw new ProviderSaturatedError(candidate.providerName);
        }
      }
      health.breaker.tryPass();
      return () => {
        release();
        if (shared && lease) {
          shared
            .release(candidate.healthKey, lease)
            .catch((err: Error) => this.logger.warn(`Releasing a lease failed: ${err.message}`));
        }
      };
    });
  }

  /** Feeds an attempt's outcome to the provider's breaker, latency average and adaptive limit. */
  report(candidate: RouteCandidate, outcome: AttemptReport): void {
    const transition = this.healthOf(candidate).report(outcome, candidate.breakerBypassed);
    if (transition) this.broadcast.publish(candidate.healthKey, transition);
  }
}
