export type ConcurrencyMode = 'fixed' | 'adaptive';
export type SaturatedAction = 'queue' | 'next';

export interface ConcurrencySettings {
  mode: ConcurrencyMode;
  max: number;
  min: number;
  latency_low_ms: number;
  latency_high_ms: number;
  error_rate_threshold: number;
  increase_step: number;
  decrease_factor: number;
  window_ms: number;
  cooldown_ms: number;
  queue_size: number;
  queue_timeout_ms: number;
  on_saturated: SaturatedAction;
}

/** `GET /gateway/:id/providers` row; the API key itself is never sent back, only its last 4. */
export interface ProviderConfig {
  id: string;
  provider: string;
  name: string;
  base_url: string | null;
  key_last4: string | null;
  models: string[];
  model_mapping: Record<string, string>;
  priority: number;
  weight: number;
  enabled: boolean;
  timeout_ms: number | null;
  max_retries: number;
  proxy_url: string | null;
  concurrency: ConcurrencySettings;
  created_at: string;
  updated_at: string;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface ProviderHealth {
  provider_config_id: string;
  provider: string;
  name: string;
  state: BreakerState;
  failures: number;
  opened_at: string | null;
  latency_avg_ms: number | null;
  concurrency: { mode: string; limit: number; in_flight: number; queued: number };
}

export interface ProviderTestResult {
  ok: boolean;
  status: number | null;
  latency_ms: number;
  models_count: number | null;
  error: string | null;
}

export interface ProviderModels {
  models: { id: string; in_catalog: boolean }[];
}

export type StrategyName = 'priority' | 'round_robin' | 'least_latency' | 'health_first';

export interface RoutingSettings {
  strategy: StrategyName;
  high_availability: boolean;
  model_fallbacks: Record<string, string[]>;
  deadline_ms: number;
  retry: { max_retries: number; base_ms: number; max_ms: number };
  breaker: { failure_threshold: number; window_ms: number; cooldown_ms: number };
}
