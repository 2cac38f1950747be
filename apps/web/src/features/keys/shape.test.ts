import { describe, expect, it } from 'vitest';
import { describeLimits, emptyKeyForm, keyStatus, toKeyBody } from './shape';

describe('toKeyBody', () => {
  it('sends only the limits that were filled in, as numbers', () => {
    const values = emptyKeyForm();
    const result = toKeyBody({
      ...values,
      name: ' CI key ',
      prefix: 'sk-',
      allowed_models: 'gpt-4o-mini, claude-*',
      allowed_providers: 'openai',
      allowed_tools: 'docs__search, calc__*',
      limits: { ...values.limits, rpm: '10', budget_usd_per_day: '2.5' },
      system_prompt: 'Be brief.',
    });
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'CI key',
        prefix: 'sk-',
        allowed_models: ['gpt-4o-mini', 'claude-*'],
        allowed_providers: ['openai'],
        allowed_tools: ['docs__search', 'calc__*'],
        enabled: true,
        limits: { rpm: 10, budget_usd_per_day: 2.5 },
        system_prompt: 'Be brief.',
      },
    });
  });

  it('turns a local expiry into an ISO instant', () => {
    const result = toKeyBody({ ...emptyKeyForm(), name: 'k', expires_at: '2030-05-01T12:00' });
    expect(result.ok && result.body.expires_at).toBe(new Date('2030-05-01T12:00').toISOString());
  });

  it('requires a name and whole, non-negative request limits', () => {
    const values = emptyKeyForm();
    const result = toKeyBody({
      ...values,
      limits: { ...values.limits, rpm: '1.5', tpm: '-1', max_tokens_per_request: '0' },
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'name is required',
        'limits.rpm': 'must be a whole number',
        'limits.tpm': 'must be between 0 and 1000000000000',
        'limits.max_tokens_per_request': 'must be between 1 and 1000000000000',
      },
    });
  });
});

describe('describeLimits', () => {
  it('lists set limits in form order with short units', () => {
    expect(
      describeLimits({
        budget_usd_per_month: 100,
        rpm: 10,
        tpm: 250000,
        max_tokens_per_request: 4096,
      }),
    ).toEqual(['10 rpm', '250K tpm', '≤4.1K tok/req', '$100/month']);
    expect(describeLimits({})).toEqual([]);
  });
});

describe('keyStatus', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('is disabled before expired, and expired only once the time has passed', () => {
    expect(keyStatus({ enabled: false, expires_at: '2020-01-01T00:00:00Z' }, now)).toBe('disabled');
    expect(keyStatus({ enabled: true, expires_at: '2026-05-31T23:59:59Z' }, now)).toBe('expired');
    expect(keyStatus({ enabled: true, expires_at: '2026-06-02T00:00:00Z' }, now)).toBe('active');
    expect(keyStatus({ enabled: true, expires_at: null }, now)).toBe('active');
  });
});
