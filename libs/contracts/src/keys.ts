import { z } from 'zod';

/** Key prefixes a client may ask for, so a key looks like the one its SDK expects. */
export const KEY_PREFIXES = ['sk-', 'sk-ant-', 'gm_', 'gw-'] as const;
export type KeyPrefix = (typeof KEY_PREFIXES)[number];

/** Every per-key limit, in the order the dashboard shows them. */
export const LIMIT_NAMES = [
  'rpm',
  'rph',
  'rpd',
  'tpm',
  'input_tokens_per_day',
  'output_tokens_per_day',
  'max_tokens_per_request',
  'budget_usd_per_day',
  'budget_usd_per_month',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

const count = z.number().int().min(0).max(1e12);
const usd = z.number().min(0).max(1e7);

/** Every limit is optional; null (on update) removes it. */
export const KeyLimitsBody = z
  .object({
    rpm: count.nullable(),
    rph: count.nullable(),
    rpd: count.nullable(),
    tpm: count.nullable(),
    input_tokens_per_day: count.nullable(),
    output_tokens_per_day: count.nullable(),
    max_tokens_per_request: z.number().int().min(1).max(10_000_000).nullable(),
    budget_usd_per_day: usd.nullable(),
    budget_usd_per_month: usd.nullable(),
  } satisfies Record<LimitName, z.ZodType>)
  .partial()
  .strict();
export type KeyLimitsBody = z.infer<typeof KeyLimitsBody>;

/** The limits a key has: unset ones are absent. */
export type KeyLimits = Partial<Record<LimitName, number>>;

const pattern = z.string().trim().min(1).max(200);

const fields = {
  name: z
    .string()
    .trim()
    .min(1, 'name is required')
    .max(200, 'name must be at most 200 characters'),
  allowed_models: z.array(pattern).max(1000),
  allowed_providers: z.array(pattern).max(200),
  enabled: z.boolean(),
  expires_at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).nullable(),
  limits: KeyLimitsBody,
  system_prompt: z.string().max(100_000).nullable(),
};

/** `POST /gateway/:id/keys`. */
export const CreateKeyBody = z
  .object({
    ...fields,
    prefix: z.enum(KEY_PREFIXES).default('gw-'),
    allowed_models: fields.allowed_models.default([]),
    allowed_providers: fields.allowed_providers.default([]),
    enabled: fields.enabled.default(true),
    expires_at: fields.expires_at.optional(),
    limits: KeyLimitsBody.default({}),
    system_prompt: fields.system_prompt.optional(),
  })
  .strict();
export type CreateKeyBody = z.infer<typeof CreateKeyBody>;
/** What a client may send (defaults filled in by the API). */
export type CreateKeyInput = z.input<typeof CreateKeyBody>;

/** `PATCH /gateway/:id/keys/:kid`. */
export const UpdateKeyBody = z.object(fields).partial().strict();
export type UpdateKeyBody = z.infer<typeof UpdateKeyBody>;
export type UpdateKeyInput = z.input<typeof UpdateKeyBody>;

/** A row of `GET /gateway/:id/keys`: the key itself is stored hashed, `key_hint` is all that comes back. */
export interface Key {
  id: string;
  name: string;
  prefix: string;
  /** `sk-…abcd`: enough to recognise a key, never enough to use it. */
  key_hint: string;
  allowed_models: string[];
  allowed_providers: string[];
  enabled: boolean;
  expires_at: string | null;
  limits: KeyLimits;
  system_prompt: string | null;
  created_at: string;
  updated_at: string;
}

/** `GET /gateway/:id/keys/:kid`: the key with its counters in the current windows (budgets in USD). */
export interface KeyDetail extends Key {
  usage: Partial<Record<Exclude<LimitName, 'max_tokens_per_request'>, number>>;
}

/** `POST /gateway/:id/keys`: the only time the full key is shown. */
export interface CreatedKey extends Key {
  key: string;
}

/** `GET /gateway/:id/keys`. */
export interface KeyList {
  keys: Key[];
}
