import { describe, expect, it } from 'vitest';
import {
  breakerLabel,
  breakerTone,
  emptyProviderForm,
  formatFallbacks,
  parseFallbacks,
  parseList,
  parseMapping,
  providerFormFromConfig,
  routingFormFrom,
  toProviderBody,
  toRoutingBody,
  type ProviderFormValues,
} from './shape';
import type { Provider, RoutingSettings } from '@gateway/contracts';

function form(overrides: Partial<ProviderFormValues> = {}): ProviderFormValues {
  return { ...emptyProviderForm(), ...overrides };
}

const stored: Provider = {
  id: 'p1',
  provider: 'anthropic',
  name: 'Claude backup',
  base_url: null,
  key_last4: 'abcd',
  models: ['claude-sonnet-4-5'],
  model_mapping: { fast: 'claude-haiku-4-5' },
  priority: 2,
  weight: 3,
  enabled: false,
  timeout_ms: 30000,
  max_retries: 1,
  proxy_url: 'socks5://127.0.0.1:1080',
  concurrency: {
    mode: 'adaptive',
    max: 50,
    min: 2,
    latency_low_ms: 1000,
    latency_high_ms: 8000,
    error_rate_threshold: 0.1,
    increase_step: 2,
    decrease_factor: 0.5,
    window_ms: 20000,
    cooldown_ms: 3000,
    queue_size: 10,
    queue_timeout_ms: 5000,
    on_saturated: 'next',
  },
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('parseList', () => {
  it('splits on commas and new lines, trimming blanks and repeats', () => {
    expect(parseList(' gpt-4o, gpt-4o-mini\n\ngpt-4o ,o3 ')).toEqual([
      'gpt-4o',
      'gpt-4o-mini',
      'o3',
    ]);
    expect(parseList('  ')).toEqual([]);
  });
});

describe('parseMapping', () => {
  it('reads alias=model lines and reports the ones it cannot read', () => {
    expect(parseMapping('fast = gpt-4o-mini\nsmart=>o3\nbroken line here')).toEqual({
      mapping: { fast: 'gpt-4o-mini', smart: 'o3' },
      invalid: ['broken line here'],
    });
  });
});

describe('parseFallbacks', () => {
  it('reads ordered fallbacks per model and round-trips through formatFallbacks', () => {
    const text = 'gpt-4o: claude-sonnet-4-5, gemini-2.5-pro\no3: gpt-4o';
    const { fallbacks, invalid } = parseFallbacks(text);
    expect(invalid).toEqual([]);
    expect(fallbacks).toEqual({
      'gpt-4o': ['claude-sonnet-4-5', 'gemini-2.5-pro'],
      o3: ['gpt-4o'],
    });
    expect(formatFallbacks(fallbacks)).toBe(text);
  });

  it('rejects a line without a model or without fallbacks', () => {
    expect(parseFallbacks(': a\ngpt-4o:\nplain').invalid).toEqual([': a', 'gpt-4o:', 'plain']);
  });
});

describe('toProviderBody', () => {
  it('builds a create body with numbers, lists, mapping and the full concurrency block', () => {
    const result = toProviderBody(
      form({
        provider: 'openai',
        name: ' Main ',
        base_url: 'http://127.0.0.1:9999/v1',
        api_key: ' sk-test ',
        models: 'gpt-4o, gpt-4o-mini',
        model_mapping: 'fast=gpt-4o-mini',
        priority: '5',
        weight: '2',
        timeout_ms: '',
      }),
      'create',
    );
    expect(result).toEqual({
      ok: true,
      body: {
        provider: 'openai',
        name: 'Main',
        base_url: 'http://127.0.0.1:9999/v1',
        api_key: 'sk-test',
        models: ['gpt-4o', 'gpt-4o-mini'],
        model_mapping: { fast: 'gpt-4o-mini' },
        priority: 5,
        weight: 2,
        enabled: true,
        max_retries: 0,
        concurrency: {
          mode: 'fixed',
          on_saturated: 'queue',
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
        },
      },
    });
  });

  it('names the provider after its type when no name is given', () => {
    const result = toProviderBody(form({ provider: 'groq' }), 'create');
    expect(result.ok && result.body.name).toBe('groq');
  });

  it('keeps the stored key and clears blank optional fields when editing', () => {
    const values = {
      ...providerFormFromConfig(stored),
      base_url: '',
      proxy_url: '',
      timeout_ms: '',
    };
    const result = toProviderBody(values, 'update');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).not.toHaveProperty('api_key');
    expect(result.body).toMatchObject({ base_url: null, proxy_url: null, timeout_ms: null });
  });

  it('round-trips a stored provider through the form unchanged', () => {
    const result = toProviderBody(providerFormFromConfig(stored), 'update');
    expect(result).toEqual({
      ok: true,
      body: {
        provider: stored.provider,
        name: stored.name,
        base_url: null,
        models: stored.models,
        model_mapping: stored.model_mapping,
        priority: stored.priority,
        weight: stored.weight,
        enabled: false,
        timeout_ms: 30000,
        max_retries: 1,
        proxy_url: stored.proxy_url,
        concurrency: stored.concurrency,
      },
    });
  });

  it('reports every invalid field by name', () => {
    const base = emptyProviderForm();
    const result = toProviderBody(
      {
        ...base,
        provider: ' ',
        base_url: 'ftp://x',
        proxy_url: 'gopher://x',
        priority: '1.5',
        weight: 'heavy',
        max_retries: '11',
        model_mapping: 'nonsense',
        concurrency: { ...base.concurrency, min: '10', max: '5', decrease_factor: '1' },
      },
      'create',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      [
        'base_url',
        'concurrency.decrease_factor',
        'concurrency.min',
        'max_retries',
        'model_mapping',
        'priority',
        'provider',
        'proxy_url',
        'weight',
      ].sort(),
    );
    expect(result.errors.max_retries).toBe('must be between 0 and 10');
    expect(result.errors.priority).toBe('must be a whole number');
  });

  it('accepts a socks5 proxy', () => {
    expect(toProviderBody(form({ proxy_url: 'socks5://10.0.0.1:1080' }), 'create').ok).toBe(true);
  });
});

describe('toRoutingBody', () => {
  const settings: RoutingSettings = {
    strategy: 'health_first',
    high_availability: true,
    model_fallbacks: { 'gpt-4o': ['claude-sonnet-4-5'] },
    deadline_ms: 600000,
    retry: { max_retries: 0, base_ms: 200, max_ms: 5000 },
    breaker: { failure_threshold: 5, window_ms: 60000, cooldown_ms: 30000 },
  };

  it('round-trips the stored settings', () => {
    expect(toRoutingBody(routingFormFrom(settings))).toEqual({ ok: true, body: settings });
  });

  it('rejects a max backoff below the base and an unreadable fallback line', () => {
    const values = routingFormFrom(settings);
    const result = toRoutingBody({
      ...values,
      model_fallbacks: 'gpt-4o',
      retry: { ...values.retry, base_ms: '6000' },
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        model_fallbacks: 'cannot read: gpt-4o',
        'retry.max_ms': 'must not be below the base delay',
      },
    });
  });
});

describe('breaker badges', () => {
  it('maps each breaker state to a tone and a label', () => {
    expect(
      (['closed', 'half_open', 'open', undefined] as const).map((s) => [
        breakerTone(s),
        breakerLabel(s),
      ]),
    ).toEqual([
      ['success', 'healthy'],
      ['warning', 'probing'],
      ['danger', 'circuit open'],
      ['neutral', 'no data'],
    ]);
  });
});
