import type { ModelPricing } from '@gateway/routing';
import type { Reservations } from '../limits/subject-limiter';
import type { CallerKey } from './caller-key';

/** Who a request is counted against: its gateway, its key (none for the gateway secret), its end user. */
export interface AdmissionScope {
  gatewayId: string;
  key?: CallerKey;
  /** From the `x-gateway-end-user` header, else the body's `user` / `metadata.user_id`. */
  endUser?: string;
}

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

export interface Admission {
  gatewayId: string;
  keyId?: string;
  /** What was reserved on the subjects' counters; undefined when no limit applied. */
  reservations?: Reservations;
  /** `x-ratelimit-*` headers to add to the response. */
  headers: Record<string, string>;
  /** Injected as a system message ahead of the client's messages. */
  systemPrompt?: string;
  /** `max_tokens` to send when the client sent none (the key's per-request cap). */
  maxTokensCap?: number;
  pricing: ModelPricing;
  settled: boolean;
}
