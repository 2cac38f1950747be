import type { BadgeTone } from '@/components/ui/badge';
import type {
  BreakerState,
  ConcurrencyBody,
  ConcurrencyMode,
  ConcurrencySettings,
  CreateProviderInput,
  Provider,
  RoutingSettings,
  SaturatedAction,
  StrategyName,
} from '@gateway/contracts';

export type FormResult<T> = { ok: true; body: T } | { ok: false; errors: Record<string, string> };

/** Provider types offered first in the picker; any other registry id can be typed in. */
export const COMMON_PROVIDERS = [
  'openai',
  'anthropic',
  'gemini',
  'groq',
  'mistral-ai',
  'deepseek',
  'openrouter',
  'together-ai',
  'fireworks-ai',
  'azure-openai',
  'ollama',
] as const;

export const STRATEGIES: { id: StrategyName; label: string }[] = [
  { id: 'priority', label: 'Priority with fallback' },
  { id: 'round_robin', label: 'Weighted round-robin' },
  { id: 'least_latency', label: 'Least latency' },
  { id: 'health_first', label: 'Health first (circuit breaker)' },
];

type NumericConcurrencyField = Exclude<keyof ConcurrencySettings, 'mode' | 'on_saturated'>;

// Ranges follow the API's validation (apps/api providers dto).
export const CONCURRENCY_FIELDS: {
  key: NumericConcurrencyField;
  label: string;
  adaptiveOnly: boolean;
  rule: NumberRule;
}[] = [
  { key: 'max', label: 'Max in flight', adaptiveOnly: false, rule: { min: 1, max: 10_000 } },
  { key: 'min', label: 'Min in flight', adaptiveOnly: true, rule: { min: 1, max: 10_000 } },
  {
    key: 'latency_low_ms',
    label: 'Latency low (ms)',
    adaptiveOnly: true,
    rule: { min: 0, max: 600_000 },
  },
  {
    key: 'latency_high_ms',
    label: 'Latency high (ms)',
    adaptiveOnly: true,
    rule: { min: 1, max: 600_000 },
  },
  {
    key: 'error_rate_threshold',
    label: 'Error rate (0–1)',
    adaptiveOnly: true,
    rule: { min: 0, max: 1, integer: false },
  },
  { key: 'increase_step', label: 'Increase step', adaptiveOnly: true, rule: { min: 1, max: 1000 } },
  {
    key: 'decrease_factor',
    label: 'Decrease factor (0–1)',
    adaptiveOnly: true,
    rule: { min: 0.01, max: 0.99, integer: false },
  },
  {
    key: 'window_ms',
    label: 'Stats window (ms)',
    adaptiveOnly: true,
    rule: { min: 100, max: 3_600_000 },
  },
  {
    key: 'cooldown_ms',
    label: 'Cooldown (ms)',
    adaptiveOnly: true,
    rule: { min: 0, max: 3_600_000 },
  },
  { key: 'queue_size', label: 'Queue size', adaptiveOnly: false, rule: { min: 0, max: 100_000 } },
  {
    key: 'queue_timeout_ms',
    label: 'Queue timeout (ms)',
    adaptiveOnly: false,
    rule: { min: 0, max: 600_000 },
  },
];

// Mirrors the API's defaults (libs/routing DEFAULT_CONCURRENCY) so a new form shows what is applied.
export const DEFAULT_CONCURRENCY: ConcurrencySettings = {
  mode: 'fixed',
  max: 256,
  min: 1,
  latency_low_ms: 2000,
  latency_high_ms: 10000,
  error_rate_threshold: 0.2,
  increase_step: 1,
  decrease_factor: 0.7,
  window_ms: 10000,
  cooldown_ms: 5000,
  queue_size: 100,
  queue_timeout_ms: 10000,
  on_saturated: 'queue',
};

/** Everything the form edits, as typed text; `toProviderBody` turns it into the API's body. */
export interface ProviderFormValues {
  provider: string;
  name: string;
  base_url: string;
  /** Empty while editing keeps the stored key. */
  api_key: string;
  /** Comma- or newline-separated model ids; empty = every model the provider serves. */
  models: string;
  /** One `alias=upstream-model` per line. */
  model_mapping: string;
  priority: string;
  weight: string;
  enabled: boolean;
  timeout_ms: string;
  max_retries: string;
  proxy_url: string;
  concurrency: Record<NumericConcurrencyField, string> & {
    mode: ConcurrencyMode;
    on_saturated: SaturatedAction;
  };
}

function concurrencyText(c: ConcurrencySettings): ProviderFormValues['concurrency'] {
  const text = {} as Record<NumericConcurrencyField, string>;
  for (const f of CONCURRENCY_FIELDS) text[f.key] = String(c[f.key]);
  return { ...text, mode: c.mode, on_saturated: c.on_saturated };
}

export function emptyProviderForm(): ProviderFormValues {
  return {
    provider: 'openai',
    name: '',
    base_url: '',
    api_key: '',
    models: '',
    model_mapping: '',
    priority: '0',
    weight: '1',
    enabled: true,
    timeout_ms: '',
    max_retries: '0',
    proxy_url: '',
    concurrency: concurrencyText(DEFAULT_CONCURRENCY),
  };
}

export function providerFormFromConfig(p: Provider): ProviderFormValues {
  return {
    provider: p.provider,
    name: p.name,
    base_url: p.base_url ?? '',
    api_key: '',
    models: p.models.join(', '),
    model_mapping: formatMapping(p.model_mapping),
    priority: String(p.priority),
    weight: String(p.weight),
    enabled: p.enabled,
    timeout_ms: p.timeout_ms === null ? '' : String(p.timeout_ms),
    max_retries: String(p.max_retries),
    proxy_url: p.proxy_url ?? '',
    concurrency: concurrencyText({ ...DEFAULT_CONCURRENCY, ...p.concurrency }),
  };
}

/** Splits on commas and new lines, trims, drops blanks and repeats, keeps the order given. */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  for (const item of text.split(/[\n,]/)) {
    const value = item.trim();
    if (value) seen.add(value);
  }
  return [...seen];
}

/** `alias=model` (or `alias => model`) per line; returns the lines it could not read. */
export function parseMapping(text: string): { mapping: Record<string, string>; invalid: string[] } {
  const mapping: Record<string, string> = {};
  const invalid: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^([^=\s]+)\s*=>?\s*(\S+)$/.exec(line);
    if (match) mapping[match[1]] = match[2];
    else invalid.push(line);
  }
  return { mapping, invalid };
}

export function formatMapping(mapping: Record<string, string>): string {
  return Object.entries(mapping)
    .map(([from, to]) => `${from}=${to}`)
    .join('\n');
}

/** `model: fallback-a, fallback-b` per line. */
export function parseFallbacks(text: string): {
  fallbacks: Record<string, string[]>;
  invalid: string[];
} {
  const fallbacks: Record<string, string[]> = {};
  const invalid: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const model = colon > 0 ? line.slice(0, colon).trim() : '';
    const next = colon > 0 ? parseList(line.slice(colon + 1)) : [];
    if (!model || next.length === 0) invalid.push(line);
    else fallbacks[model] = next;
  }
  return { fallbacks, invalid };
}

export function formatFallbacks(fallbacks: Record<string, string[]>): string {
  return Object.entries(fallbacks)
    .map(([model, next]) => `${model}: ${next.join(', ')}`)
    .join('\n');
}

interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
}

/** Reads a number from a field; records a readable error and returns undefined when it is not one. */
export function readNumber(
  text: string,
  field: string,
  rule: NumberRule,
  errors: Record<string, string>,
): number | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    errors[field] = 'must be a number';
    return undefined;
  }
  if ((rule.integer ?? true) && !Number.isInteger(value)) {
    errors[field] = 'must be a whole number';
    return undefined;
  }
  if (value < rule.min || value > rule.max) {
    errors[field] = `must be between ${rule.min} and ${rule.max}`;
    return undefined;
  }
  return value;
}

function isUrl(text: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * Form → `POST`/`PATCH /gateway/:id/providers` body. Blank optional fields become `null` when
 * editing (clearing them) and are left out when creating; a blank key while editing keeps the stored one.
 */
export function toProviderBody(
  values: ProviderFormValues,
  mode: 'create' | 'update',
): FormResult<CreateProviderInput> {
  const errors: Record<string, string> = {};
  const blank = mode === 'create' ? undefined : null;

  const provider = values.provider.trim();
  if (!provider) errors.provider = 'pick a provider type';
  const body: CreateProviderInput = { provider, name: values.name.trim() || provider };

  const baseUrl = values.base_url.trim();
  if (baseUrl && !isUrl(baseUrl, ['http:', 'https:'])) errors.base_url = 'must be an http(s) URL';
  body.base_url = baseUrl || blank;

  const apiKey = values.api_key.trim();
  if (apiKey) body.api_key = apiKey;

  body.models = parseList(values.models);
  const { mapping, invalid } = parseMapping(values.model_mapping);
  if (invalid.length > 0) errors.model_mapping = `cannot read: ${invalid.join('; ')}`;
  body.model_mapping = mapping;

  body.priority = readNumber(values.priority, 'priority', { min: -1000, max: 1000 }, errors);
  body.weight = readNumber(values.weight, 'weight', { min: 0, max: 1000 }, errors);
  body.enabled = values.enabled;
  body.timeout_ms = values.timeout_ms.trim()
    ? readNumber(values.timeout_ms, 'timeout_ms', { min: 100, max: 3_600_000 }, errors)
    : blank;
  body.max_retries = readNumber(values.max_retries, 'max_retries', { min: 0, max: 10 }, errors);

  const proxy = values.proxy_url.trim();
  if (proxy && !isUrl(proxy, ['http:', 'https:', 'socks5:']))
    errors.proxy_url = 'must be an http://, https:// or socks5:// URL';
  body.proxy_url = proxy || blank;

  const c = values.concurrency;
  const concurrency: ConcurrencyBody = { mode: c.mode, on_saturated: c.on_saturated };
  for (const f of CONCURRENCY_FIELDS) {
    concurrency[f.key] = readNumber(c[f.key], `concurrency.${f.key}`, f.rule, errors);
  }
  const min = concurrency.min;
  const max = concurrency.max;
  if (min !== undefined && max !== undefined && min > max)
    errors['concurrency.min'] = 'must not exceed max';
  const low = concurrency.latency_low_ms;
  const high = concurrency.latency_high_ms;
  if (low !== undefined && high !== undefined && low >= high)
    errors['concurrency.latency_high_ms'] = 'must be above the low threshold';
  body.concurrency = concurrency;

  for (const key of Object.keys(body) as (keyof CreateProviderInput)[]) {
    if (body[key] === undefined) delete body[key];
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}

export function breakerTone(state: BreakerState | undefined): BadgeTone {
  switch (state) {
    case 'closed':
      return 'success';
    case 'half_open':
      return 'warning';
    case 'open':
      return 'danger';
    case undefined:
      return 'neutral';
  }
}

export function breakerLabel(state: BreakerState | undefined): string {
  switch (state) {
    case 'closed':
      return 'healthy';
    case 'half_open':
      return 'probing';
    case 'open':
      return 'circuit open';
    case undefined:
      return 'no data';
  }
}

/** Routing form as text → `PUT /gateway/:id/routing` body. */
export interface RoutingFormValues {
  strategy: StrategyName;
  high_availability: boolean;
  model_fallbacks: string;
  deadline_ms: string;
  retry: { max_retries: string; base_ms: string; max_ms: string };
  breaker: { failure_threshold: string; window_ms: string; cooldown_ms: string };
}

export function routingFormFrom(s: RoutingSettings): RoutingFormValues {
  return {
    strategy: s.strategy,
    high_availability: s.high_availability,
    model_fallbacks: formatFallbacks(s.model_fallbacks),
    deadline_ms: String(s.deadline_ms),
    retry: {
      max_retries: String(s.retry.max_retries),
      base_ms: String(s.retry.base_ms),
      max_ms: String(s.retry.max_ms),
    },
    breaker: {
      failure_threshold: String(s.breaker.failure_threshold),
      window_ms: String(s.breaker.window_ms),
      cooldown_ms: String(s.breaker.cooldown_ms),
    },
  };
}

export function toRoutingBody(values: RoutingFormValues): FormResult<RoutingSettings> {
  const errors: Record<string, string> = {};
  const { fallbacks, invalid } = parseFallbacks(values.model_fallbacks);
  if (invalid.length > 0) errors.model_fallbacks = `cannot read: ${invalid.join('; ')}`;
  for (const [model, next] of Object.entries(fallbacks))
    if (next.length > 10) errors.model_fallbacks = `${model}: at most 10 fallbacks`;
  const deadline = readNumber(
    values.deadline_ms,
    'deadline_ms',
    { min: 1000, max: 3_600_000 },
    errors,
  );
  const maxRetries = readNumber(
    values.retry.max_retries,
    'retry.max_retries',
    { min: 0, max: 10 },
    errors,
  );
  const baseMs = readNumber(values.retry.base_ms, 'retry.base_ms', { min: 0, max: 60_000 }, errors);
  const maxMs = readNumber(values.retry.max_ms, 'retry.max_ms', { min: 0, max: 300_000 }, errors);
  const threshold = readNumber(
    values.breaker.failure_threshold,
    'breaker.failure_threshold',
    { min: 1, max: 1000 },
    errors,
  );
  const windowMs = readNumber(
    values.breaker.window_ms,
    'breaker.window_ms',
    { min: 1000, max: 3_600_000 },
    errors,
  );
  const cooldownMs = readNumber(
    values.breaker.cooldown_ms,
    'breaker.cooldown_ms',
    { min: 100, max: 3_600_000 },
    errors,
  );
  if (baseMs !== undefined && maxMs !== undefined && baseMs > maxMs)
    errors['retry.max_ms'] = 'must not be below the base delay';
  if (
    Object.keys(errors).length > 0 ||
    deadline === undefined ||
    maxRetries === undefined ||
    baseMs === undefined ||
    maxMs === undefined ||
    threshold === undefined ||
    windowMs === undefined ||
    cooldownMs === undefined
  )
    return { ok: false, errors };
  return {
    ok: true,
    body: {
      strategy: values.strategy,
      high_availability: values.high_availability,
      model_fallbacks: fallbacks,
      deadline_ms: deadline,
      retry: { max_retries: maxRetries, base_ms: baseMs, max_ms: maxMs },
      breaker: { failure_threshold: threshold, window_ms: windowMs, cooldown_ms: cooldownMs },
    },
  };
}
