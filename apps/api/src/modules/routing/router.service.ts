import { Inject, Injectable } from '@nestjs/common';
import {
  WeightedRoundRobin,
  backoffDelayMs,
  isRetriable,
  isStrategyName,
  type ModelCatalog,
  type StrategyName,
} from '@gateway/routing';
import { InvalidRequestError } from '../../common/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { CallerKey } from '../keys/caller-key';
import { ENV_CREDENTIALS, type EnvCredentials } from '../models/env-credentials';
import { MODEL_CATALOG } from '../models/models.tokens';
import { GatewayConfig } from './gateway-config';
import { ProviderHealthService } from './provider-health.service';
import { planRoute } from './route-planner';
import type { AttemptReport, RoutePlan } from './routing.types';

export interface PlanOptions {
  strategyOverride?: string;
  /** Restricts candidates to the key's allowed models and providers. */
  key?: CallerKey;
}

/**
 * The proxy's questions to routing: which attempts, in which order (`plan`, feeding the pure
 * planner the gateway's configuration, live health, the clock and the round-robin state), and
 * whether and when to retry a failed attempt.
 */
@Injectable()
export class RouterService {
  private readonly roundRobin = new WeightedRoundRobin();

  constructor(
    private readonly config: GatewayConfig,
    private readonly health: ProviderHealthService,
    @Inject(MODEL_CATALOG) private readonly catalog: ModelCatalog,
    @Inject(ENV_CREDENTIALS) private readonly env: EnvCredentials,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  plan(gatewayId: string, requestedModel: string, opts: PlanOptions = {}): RoutePlan {
    const settings = this.config.settingsFor(gatewayId);
    return planRoute({
      gatewayId,
      requestedModel,
      settings,
      strategy: strategy(settings.strategy, opts.strategyOverride),
      own: this.config.providersOf(gatewayId),
      catalog: this.catalog,
      env: this.env,
      health: (c) => this.health.snapshot(c),
      roundRobin: this.roundRobin,
      now: Date.now(),
      defaultTimeoutMs: this.appConfig.upstream.timeoutMs,
      key: opts.key,
    });
  }

  shouldRetry(outcome: Omit<AttemptReport, 'latencyMs'>): boolean {
    return isRetriable(outcome);
  }

  /** Delay before retry `attempt` (0-based) with full jitter, at least the upstream's retry-after. */
  backoffMs(attempt: number, retryAfterHeader?: string, gatewayId?: string): number {
    const retry = this.config.settingsFor(gatewayId ?? '').retry;
    return backoffDelayMs(
      attempt,
      { baseMs: retry.base_ms, maxMs: retry.max_ms },
      { retryAfter: retryAfterHeader },
    );
  }
}

function strategy(configured: StrategyName, override: string | undefined): StrategyName {
  if (override === undefined || override === '') return configured;
  if (!isStrategyName(override)) {
    throw new InvalidRequestError(
      `x-gateway-strategy must be one of priority, round_robin, least_latency, health_first (got '${override}')`,
      'x-gateway-strategy',
    );
  }
  return override;
}
