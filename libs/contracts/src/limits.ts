import { z } from 'zod';
import { KeyLimitsBody, LIMIT_NAMES, type LimitName } from './keys';

/** Limits counted per subject (key, end user, team, gateway): every key limit but the per-request cap. */
export type CounterName = Exclude<LimitName, 'max_tokens_per_request'>;
export const COUNTER_NAMES = LIMIT_NAMES.filter(
  (name): name is CounterName => name !== 'max_tokens_per_request',
);

/** Who a limit applies to. `team` limits come with teams; the others are configured today. */
export const SUBJECT_KINDS = ['key', 'end_user', 'team', 'gateway'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The request header naming the end user, ahead of the body's `user` / `metadata.user_id`. */
export const END_USER_HEADER = 'x-gateway-end-user';

/** Limits of one subject; on update a limit set to null removes it. */
export const SubjectLimitsBody = KeyLimitsBody.omit({ max_tokens_per_request: true }).meta({
  id: 'SubjectLimitsBody',
  description: 'Limits of one subject; null removes a limit.',
});
export type SubjectLimitsBody = z.infer<typeof SubjectLimitsBody>;

/** The limits a subject has: unset ones are absent. */
export const SubjectLimits = z
  .partialRecord(z.enum(COUNTER_NAMES), z.number())
  .meta({ id: 'SubjectLimits', description: 'The limits a subject has; unset ones are absent.' });
export type SubjectLimits = z.infer<typeof SubjectLimits>;

/** An end user id as clients send it: 1 to 128 characters, no control characters. */
export const EndUserId = z
  .string()
  .min(1, 'an end user id is 1 to 128 characters')
  .max(128, 'an end user id is 1 to 128 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'an end user id has no control characters');

/**
 * `PUT /gateway/:id/limits`: every field optional. `gateway` and `end_user` merge limit by limit (null
 * removes one; `null` for the whole object removes all). Each entry of `end_user_overrides` replaces
 * the `end_user` defaults for that one end user (`{}`: unlimited); null deletes the override.
 */
export const GatewayLimitsBody = z
  .object({
    gateway: SubjectLimitsBody.nullable(),
    end_user: SubjectLimitsBody.nullable(),
    end_user_overrides: z
      .record(EndUserId, SubjectLimitsBody.nullable())
      .refine((r) => Object.keys(r).length <= 1000, 'at most 1000 end users per request'),
    require_end_user: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: 'GatewayLimitsBody' });
export type GatewayLimitsBody = z.infer<typeof GatewayLimitsBody>;

/** `GET` and `PUT /gateway/:id/limits`. */
export const GatewayLimits = z
  .object({
    gateway: SubjectLimits,
    end_user: SubjectLimits,
    end_user_overrides: z
      .record(z.string(), SubjectLimits)
      .describe('per end user id: replaces `end_user` for that user'),
    require_end_user: z
      .boolean()
      .describe('requests that name no end user get 400 instead of skipping the end user limits'),
  })
  .meta({
    id: 'GatewayLimits',
    description:
      '`gateway` counts every request of the gateway (its secret and all its keys); `end_user` applies to each distinct end user on its own.',
  });
export type GatewayLimits = z.infer<typeof GatewayLimits>;

/** Counters of the current windows: requests, tokens, and budgets in USD. */
export const LimitUsage = z.partialRecord(z.enum(COUNTER_NAMES), z.number()).meta({
  id: 'LimitUsage',
  description: 'Counters of the current windows: requests, tokens, and budgets in USD.',
});
export type LimitUsage = z.infer<typeof LimitUsage>;

export const SubjectUsage = z
  .object({ limits: SubjectLimits, usage: LimitUsage })
  .meta({ id: 'SubjectUsage' });
export type SubjectUsage = z.infer<typeof SubjectUsage>;

/** `GET /gateway/:id/limits/usage[?end_user=…]`. */
export const GatewayLimitsUsage = z
  .object({
    gateway: SubjectUsage,
    end_user: SubjectUsage.extend({ id: z.string() })
      .optional()
      .describe('the end user asked for with `?end_user=`'),
  })
  .meta({ id: 'GatewayLimitsUsage' });
export type GatewayLimitsUsage = z.infer<typeof GatewayLimitsUsage>;

/** `GET /gateway/:id/limits/usage` query. */
export const LimitsUsageQuery = z.object({ end_user: EndUserId.optional() }).strict();
export type LimitsUsageQuery = z.infer<typeof LimitsUsageQuery>;
