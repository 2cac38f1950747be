import { parseList, readNumber, type FormResult } from '../providers/shape';
import type { CreateKeyInput, Key, KeyLimits, KeyPrefix, LimitName } from '@gateway/contracts';
import { LIMIT_FIELDS } from './limit-fields';

export interface KeyFormValues {
  name: string;
  prefix: KeyPrefix;
  allowed_models: string;
  allowed_providers: string;
  /** MCP tools, `server__tool` patterns. */
  allowed_tools: string;
  enabled: boolean;
  /** `<input type="datetime-local">` value in the browser's time zone; empty = never. */
  expires_at: string;
  limits: Record<LimitName, string>;
  system_prompt: string;
}

export function emptyKeyForm(): KeyFormValues {
  const limits = {} as Record<LimitName, string>;
  for (const f of LIMIT_FIELDS) limits[f.key] = '';
  return {
    name: '',
    prefix: 'gw-',
    allowed_models: '',
    allowed_providers: '',
    allowed_tools: '',
    enabled: true,
    expires_at: '',
    limits,
    system_prompt: '',
  };
}

/** Form → `POST /gateway/:id/keys` body; an empty limit means "no limit" and is left out. */
export function toKeyBody(values: KeyFormValues): FormResult<CreateKeyInput> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'name is required';
  else if (name.length > 200) errors.name = 'at most 200 characters';

  const limits: KeyLimits = {};
  for (const f of LIMIT_FIELDS) {
    const text = values.limits[f.key];
    if (!text.trim()) continue;
    const value = readNumber(
      text,
      `limits.${f.key}`,
      f.usd
        ? { min: 0, max: 1e7, integer: false }
        : { min: f.key === 'max_tokens_per_request' ? 1 : 0, max: 1e12 },
      errors,
    );
    if (value !== undefined) limits[f.key] = value;
  }

  let expiresAt: string | undefined;
  if (values.expires_at.trim()) {
    const date = new Date(values.expires_at);
    if (Number.isNaN(date.getTime())) errors.expires_at = 'not a date';
    else expiresAt = date.toISOString();
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const body: CreateKeyInput = {
    name,
    prefix: values.prefix,
    allowed_models: parseList(values.allowed_models),
    allowed_providers: parseList(values.allowed_providers),
    allowed_tools: parseList(values.allowed_tools),
    enabled: values.enabled,
    limits,
  };
  if (expiresAt) body.expires_at = expiresAt;
  if (values.system_prompt.trim()) body.system_prompt = values.system_prompt;
  return { ok: true, body };
}

const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** Short labels for a key's limits, in the form's order: `60 rpm`, `$5/day`. */
export function describeLimits(limits: Key['limits']): string[] {
  const short: Record<LimitName, (n: number) => string> = {
    rpm: (n) => `${COMPACT.format(n)} rpm`,
    rph: (n) => `${COMPACT.format(n)} rph`,
    rpd: (n) => `${COMPACT.format(n)} rpd`,
    tpm: (n) => `${COMPACT.format(n)} tpm`,
    input_tokens_per_day: (n) => `${COMPACT.format(n)} in tok/day`,
    output_tokens_per_day: (n) => `${COMPACT.format(n)} out tok/day`,
    max_tokens_per_request: (n) => `≤${COMPACT.format(n)} tok/req`,
    budget_usd_per_day: (n) => `$${n}/day`,
    budget_usd_per_month: (n) => `$${n}/month`,
  };
  return LIMIT_FIELDS.flatMap((f) => {
    const value = limits[f.key];
    return value === undefined || value === null ? [] : [short[f.key](value)];
  });
}

export type KeyStatus = 'active' | 'disabled' | 'expired';

export function keyStatus(key: Pick<Key, 'enabled' | 'expires_at'>, now: Date): KeyStatus {
  if (!key.enabled) return 'disabled';
  if (key.expires_at && new Date(key.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'active';
}
