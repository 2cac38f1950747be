import { z } from 'zod';
import { KEY_PREFIXES } from '../key.entity';

const count = z.number().int().min(0).max(1e12);
const usd = z.number().min(0).max(1e7);

/** Every limit is optional; null (on update) removes it. */
export const KeyLimitsDto = z
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
  })
  .partial()
  .strict();
export type KeyLimitsDto = z.infer<typeof KeyLimitsDto>;

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
  limits: KeyLimitsDto,
  system_prompt: z.string().max(100_000).nullable(),
};

export const CreateKeyDto = z
  .object({
    ...fields,
    prefix: z.enum(KEY_PREFIXES).default('gw-'),
    allowed_models: fields.allowed_models.default([]),
    allowed_providers: fields.allowed_providers.default([]),
    enabled: fields.enabled.default(true),
    expires_at: fields.expires_at.optional(),
    limits: KeyLimitsDto.default({}),
    system_prompt: fields.system_prompt.optional(),
  })
  .strict();
export type CreateKeyDto = z.infer<typeof CreateKeyDto>;

export const UpdateKeyDto = z.object(fields).partial().strict();
export type UpdateKeyDto = z.infer<typeof UpdateKeyDto>;

export interface KeyDto {
  id: string;
  name: string;
  prefix: string;
  /** `sk-…abcd`: enough to recognise a key, never enough to use it. */
  key_hint: string;
  allowed_models: string[];
  allowed_providers: string[];
  enabled: boolean;
  expires_at: string | null;
  limits: Record<string, number>;
  system_prompt: string | null;
  created_at: string;
  updated_at: string;
}

/** Creation answer: the only time the full key is shown. */
export interface CreatedKeyDto extends KeyDto {
  key: string;
}
