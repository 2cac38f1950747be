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
export const SubjectLimitsBody = KeyLimitsBody.omit({ max_tokens_per_request: true });
export type SubjectLimitsBody = z.infer<typeof SubjectLimitsBody>;
export type SubjectLimits = Partial<Record<CounterName, number>>;

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
  .strict();
export type GatewayLimitsBody = z.infer<typeof GatewayLimitsBody>;

/** `GET` and `PUT /gateway/:id/limits`. */
export interface GatewayLimits {
  /** Counted over every request of the gateway (its secret and all its keys). */
  gateway: SubjectLimits;
  /** Applied to each distinct end user on its own. */
  end_user: SubjectLimits;
  /** Per end user id: replaces `end_user` for that user. */
  end_user_overrides: Record<string, SubjectLimits>;
  /** Requests that name no end user get 400 instead of skipping the end user limits. */
  require_end_user: boolean;
}

/** Counters of the current windows: requests, tokens, and budgets in USD. */
export type LimitUsage = Partial<Record<CounterName, number>>;

export interface SubjectUsage {
  limits: SubjectLimits;
  usage: LimitUsage;
}

/** `GET /gateway/:id/limits/usage[?end_user=…]`. */
export interface GatewayLimitsUsage {
  gateway: SubjectUsage;
  end_user?: SubjectUsage & { id: string };
}

/** `GET /gateway/:id/limits/usage` query. */
export const LimitsUsageQuery = z.object({ end_user: EndUserId.optional() }).strict();
export type LimitsUsageQuery = z.infer<typeof LimitsUsageQuery>;
