import type {
  BreakerSettings,
  BreakerState,
  ConcurrencySettings,
  ModelEntry,
  ProviderSpec,
  StrategyName,
} from '@gateway/routing';
import type { Dispatcher } from 'undici';

/** Per-gateway routing settings, as stored and as served by `GET /gateway/:id/routing`. */
export interface RoutingSettings {
  strategy: StrategyName;
  high_availability: boolean;
  /** Requested model → models to try next, in order (they may belong to other API families). */
  model_fallbacks: Record<string, string[]>;
  /** Overall time budget of one request across all attempts. */
  deadline_ms: number;
  retry: { max_retries: number; base_ms: number; max_ms: number };
  breaker: { failure_threshold: number; window_ms: number; cooldown_ms: number };
}

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  strategy: 'priority',
  high_availability: false,
  model_fallbacks: {},
  deadline_ms: 600_000,
  // The official SDKs already retry (2 times by default); retrying here too would multiply the load on a
  // struggling provider. A failed attempt still moves on to the next candidate.
  retry: { max_retries: 0, base_ms: 200, max_ms: 5_000 },
  breaker: { failure_threshold: 5, window_ms: 60_000, cooldown_ms: 30_000 },
};

export type CandidateTier = 'primary' | 'model_fallback' | 'high_availability';

/** Where a candidate's credentials come from: the operator's environment, or a gateway provider. */
export type CandidateSource = { kind: 'env' } | { kind: 'gateway'; providerId: string };

export interface RouteCandidate {
  gatewayId: string;
  source: CandidateSource;
  /** Display name (the config's name, or the registry's). */
  providerName: string;
  providerSpec: ProviderSpec;
  /** No trailing slash; in the provider SDK's own meaning (OpenAI-style ones include /v1). */
  baseUrl: string;
  authHeaders: Record<string, string>;
  upstreamModel: string;
  model: ModelEntry;
  tier: CandidateTier;
  timeoutMs: number;
  maxRetries: number;
  /** Set when the provider goes through an HTTP or SOCKS5 proxy. */
  dispatcher?: Dispatcher;
  /** Identifies this provider's breaker, latency and concurrency state. */
  healthKey: string;
  /**
   * Every candidate's breaker was refusing: this one goes anyway as the last resort, and its outcome
   * counts as the half-open probe. The answer carries `x-gateway-breaker: open-bypassed`.
   */
  breakerBypassed?: boolean;
}

export interface RoutePlan {
  gatewayId: string;
  requestedModel: string;
  strategy: StrategyName;
  candidates: RouteCandidate[];
  /** Epoch ms after which no new attempt may start. */
  deadlineAt: number;
}

export interface AttemptReport {
  ok: boolean;
  status?: number;
  latencyMs: number;
  kind?: 'timeout' | 'connect' | 'http';
}

export interface BreakerStateDto {
  provider_config_id: string;
  provider: string;
  name: string;
  state: BreakerState;
  failures: number;
  opened_at: string | null;
  latency_avg_ms: number | null;
  concurrency: { mode: string; limit: number; in_flight: number; queued: number };
}

export type { BreakerSettings, ConcurrencySettings };
