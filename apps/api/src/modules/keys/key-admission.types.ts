import type { ModelPricing } from '@gateway/routing';

export interface AdmissionRequest {
  /** The model name as the client sent it. */
  model: string;
  /** Provider id (registry id) expected to serve it; checked against allowed providers. */
  provider: string;
  /** Other names of that provider in the gateway (its configs' ids and names), also matched. */
  providerAliases?: readonly string[];
  maxTokens?: number;
  estimatedInputTokens: number;
  pricing: ModelPricing;
  /**
   * The request's estimated cost when it is not priced by tokens alone (images, seconds, characters,
   * queries): null means its unit has no known price. Without it, the price of (estimated prompt,
   * `maxTokens`) tokens.
   */
  estimatedCostUsd?: number | null;
}

/** One counter an admission reserved, to be corrected by `settle`. */
export interface Reservation {
  kind: LimitKind;
  key: string;
  points: number;
}

export type LimitKind =
  | 'rpm'
  | 'rph'
  | 'rpd'
  | 'tpm'
  | 'input_tokens_per_day'
  | 'output_tokens_per_day'
  | 'budget_usd_per_day'
  | 'budget_usd_per_month';

export interface Admission {
  gatewayId: string;
  keyId?: string;
  reservations: Reservation[];
  /** `x-ratelimit-*` headers to add to the response. */
  headers: Record<string, string>;
  /** Injected as a system message ahead of the client's messages. */
  systemPrompt?: string;
  /** `max_tokens` to send when the client sent none (the key's per-request cap). */
  maxTokensCap?: number;
  pricing: ModelPricing;
  settled: boolean;
}
