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
  .strict()
  .meta({
    id: 'ConcurrencyBody',
    description: "A provider's concurrency settings; omitted fields take the defaults.",
  });
export type ConcurrencyBody = z.infer<typeof ConcurrencyBody>;
/** The effective concurrency settings of a provider, as the API answers them. */
export const ConcurrencySettings = ConcurrencyBody.required().meta({ id: 'ConcurrencySettings' });
export type ConcurrencySettings = z.infer<typeof ConcurrencySettings>;

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
  .strict()
  .meta({ id: 'CreateProviderBody' });
export type CreateProviderBody = z.infer<typeof CreateProviderBody>;
export type CreateProviderInput = z.input<typeof CreateProviderBody>;

/** `PATCH /gateway/:id/providers/:pid`. */
export const UpdateProviderBody = z
  .object(fields)
  .partial()
  .strict()
  .meta({ id: 'UpdateProviderBody' });
export type UpdateProviderBody = z.infer<typeof UpdateProviderBody>;
export type UpdateProviderInput = z.input<typeof UpdateProviderBody>;

const isoDate = z.string().describe('ISO 8601');

/** A configured provider; the API key itself is never sent back, only its last 4 characters. */
export const Provider = z
  .object({
    id: z.string(),
    provider: z.string().describe('provider type id'),
    name: z.string(),
    base_url: z.string().nullable(),
    key_last4: z.string().nullable(),
    models: z.array(z.string()),
    model_mapping: z.record(z.string(), z.string()),
    priority: z.number().int(),
    weight: z.number().int(),
    enabled: z.boolean(),
    timeout_ms: z.number().int().nullable(),
    max_retries: z.number().int(),
    proxy_url: z.string().nullable(),
    concurrency: ConcurrencySettings,
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({
    id: 'Provider',
    description:
      'A configured provider; its API key is never sent back, only the last 4 characters.',
  });
export type Provider = z.infer<typeof Provider>;

/** `GET /gateway/:id/providers`. */
export const ProviderList = z.object({ providers: z.array(Provider) }).meta({ id: 'ProviderList' });
export type ProviderList = z.infer<typeof ProviderList>;

/** `POST /gateway/:id/providers/:pid/test`. */
export const ProviderTestResult = z
  .object({
    ok: z.boolean(),
    status: z.number().int().nullable(),
    latency_ms: z.number(),
    models_count: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'ProviderTestResult' });
export type ProviderTestResult = z.infer<typeof ProviderTestResult>;

/** `GET /gateway/:id/providers/:pid/models`. */
export const ProviderModels = z
  .object({ models: z.array(z.object({ id: z.string(), in_catalog: z.boolean() })) })
  .meta({ id: 'ProviderModels' });
export type ProviderModels = z.infer<typeof ProviderModels>;

export const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

/** A row of `GET /gateway/:id/providers/health`: breaker and concurrency state right now. */
export const ProviderHealth = z
  .object({
    provider_config_id: z.string(),
    provider: z.string(),
    name: z.string(),
    state: z.enum(BREAKER_STATES),
    failures: z.number().int(),
    opened_at: z.string().nullable(),
    latency_avg_ms: z.number().nullable(),
    concurrency: z.object({
      mode: z.string(),
      limit: z.number(),
      in_flight: z.number().int(),
      queued: z.number().int(),
    }),
  })
  .meta({ id: 'ProviderHealth', description: 'Breaker and concurrency state right now.' });
export type ProviderHealth = z.infer<typeof ProviderHealth>;

/** `GET /gateway/:id/providers/health`. */
export const ProviderHealthList = z
  .object({ providers: z.array(ProviderHealth) })
  .meta({ id: 'ProviderHealthList' });
export type ProviderHealthList = z.infer<typeof ProviderHealthList>;
