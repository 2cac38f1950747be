export const KEY_PREFIXES = ['gw-', 'sk-', 'sk-ant-', 'gm_'] as const;
export type KeyPrefix = (typeof KEY_PREFIXES)[number];

export const LIMIT_FIELDS = [
  { key: 'rpm', label: 'Requests / minute', usd: false },
  { key: 'rph', label: 'Requests / hour', usd: false },
  { key: 'rpd', label: 'Requests / day', usd: false },
  { key: 'tpm', label: 'Tokens / minute', usd: false },
  { key: 'input_tokens_per_day', label: 'Input tokens / day', usd: false },
  { key: 'output_tokens_per_day', label: 'Output tokens / day', usd: false },
  { key: 'max_tokens_per_request', label: 'Max tokens / request', usd: false },
  { key: 'budget_usd_per_day', label: 'Budget USD / day', usd: true },
  { key: 'budget_usd_per_month', label: 'Budget USD / month', usd: true },
] as const;
export type LimitName = (typeof LIMIT_FIELDS)[number]['key'];

/** `GET /gateway/:id/keys` row: the key itself is stored hashed, `key_hint` is all that comes back. */
export interface GatewayKey {
  id: string;
  name: string;
  prefix: string;
  key_hint: string;
  allowed_models: string[];
  allowed_providers: string[];
  enabled: boolean;
  expires_at: string | null;
  limits: Partial<Record<LimitName, number>>;
  system_prompt: string | null;
  created_at: string;
  updated_at: string;
}

/** The creation answer: the only time the full key is sent. */
export interface CreatedKey extends GatewayKey {
  key: string;
}
