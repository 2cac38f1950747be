import { z } from 'zod';

/** URL schemes accepted for a provider's outbound proxy. */
export const PROXY_PROTOCOLS = ['http:', 'https:', 'socks5:', 'socks5h:'] as const;

/** The parsed URL when it has a host (and decodable credentials), else undefined. */
function parseUrl(v: string): URL | undefined {
  try {
    const url = new URL(v);
    // The dispatcher decodes these for proxy authentication.
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    return url.hostname ? url : undefined;
  } catch {
    return undefined;
  }
}

// One refinement per URL field (never `.url()` then a refine calling `new URL`: zod runs both, and
// the second throws on what the first rejected).
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:$/.test(parseUrl(v)?.protocol ?? ''), 'must be an http(s) URL');

const proxyUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (v) => (PROXY_PROTOCOLS as readonly string[]).includes(parseUrl(v)?.protocol ?? ''),
    'must be an http://, https:// or socks5:// URL',
  );

const modelName = z.string().trim().min(1).max(200);

export const CONCURRENCY_MODES = ['fixed', 'adaptive'] as const;
export type ConcurrencyMode = (typeof CONCURRENCY_MODES)[number];
export const SATURATED_ACTIONS = ['queue', 'next'] as const;
export type SaturatedAction = (typeof SATURATED_ACTIONS)[number];

/** A provider's concurrency settings; omitted fields take the defaults. */
export const ConcurrencyBody = z
  .object({
    mode: z.enum(CONCURRENCY_MODES),
    max: z.number().int().min(1).max(10_000),
    min: z.number().int().min(1).max(10_000),
    latency_low_ms: z.number().int().min(0).max(600_000),
    latency_high_ms: z.number().int().min(1).max(600_000),
    error_rate_threshold: z.number().min(0).max(1),
    increase_step: z.number().int().min(1).max(1_000),
    decrease_factor: z.number().gt(0).lt(1),
    window_ms: z.number().int().min(100).max(3_600_000),
    cooldown_ms: z.number().int().min(0).max(3_600_000),
    queue_size: z.number().int().min(0).max(100_000),
    queue_timeout_ms: z.number().int().min(0).max(600_000),
    on_saturated: z.enum(SATURATED_ACTIONS),
  })
  .partial()
  .strict();
export type ConcurrencyBody = z.infer<typeof ConcurrencyBody>;
/** The effective concurrency settings of a provider, as the API answers them. */
export type ConcurrencySettings = Required<ConcurrencyBody>;

const fields = {
  /**
   * A provider type id (see `GET /models/providers`). The API narrows this to the ids it knows;
   * the contract only fixes the shape.
   */
  provider: z.string().trim(),
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  base_url: httpUrl.nullable(),
  api_key: z.string().trim().min(1, 'api_key must not be empty').max(4000),
  models: z.array(modelName).max(1000),
  model_mapping: z.record(modelName, modelName),
  priority: z.number().int().min(-1000).max(1000),
  weight: z.number().int().min(0).max(1000),
  enabled: z.boolean(),
  timeout_ms: z.number().int().min(100).max(3_600_000).nullable(),
  max_retries: z.number().int().min(0).max(10),
  proxy_url: proxyUrl.nullable(),
  concurrency: ConcurrencyBody,
};

/** `POST /gateway/:id/providers`. */
export const CreateProviderBody = z
  .object({
    ...fields,
    name: fields.name.optional(),
    base_url: fields.base_url.optional(),
    api_key: fields.api_key.optional(),
    models: fields.models.default([]),
    model_mapping: fields.model_mapping.default({}),
    priority: fields.priority.default(0),
    weight: fields.weight.default(1),
    enabled: fields.enabled.default(true),
    timeout_ms: fields.timeout_ms.optional(),
    max_retries: fields.max_retries.default(0),
    proxy_url: fields.proxy_url.optional(),
    concurrency: ConcurrencyBody.default({}),
  })
  .strict();
export type CreateProviderBody = z.infer<typeof CreateProviderBody>;
export type CreateProviderInput = z.input<typeof CreateProviderBody>;

/** `PATCH /gateway/:id/providers/:pid`. */
export const UpdateProviderBody = z.object(fields).partial().strict();
export type UpdateProviderBody = z.infer<typeof UpdateProviderBody>;
export type UpdateProviderInput = z.input<typeof UpdateProviderBody>;

/** A configured provider; the API key itself is never sent back, only its last 4 characters. */
export interface Provider {
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

/** `GET /gateway/:id/providers`. */
export interface ProviderList {
  providers: Provider[];
}

/** `POST /gateway/:id/providers/:pid/test`. */
export interface ProviderTestResult {
  ok: boolean;
  status: number | null;
  latency_ms: number;
  models_count: number | null;
  error: string | null;
}

/** `GET /gateway/:id/providers/:pid/models`. */
export interface ProviderModels {
  models: { id: string; in_catalog: boolean }[];
}

export const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

/** A row of `GET /gateway/:id/providers/health`: breaker and concurrency state right now. */
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

/** `GET /gateway/:id/providers/health`. */
export interface ProviderHealthList {
  providers: ProviderHealth[];
}
