import { z } from 'zod';
import { EARLIEST_MS, LATEST_MS } from './analytics';

/**
 * Every action the audit log records. `team.*` are reserved for teams and roles: the teams module
 * records them through the same `AuditTrail.record` as everything else.
 */
export const AUDIT_ACTIONS = [
  'auth.join',
  'auth.register',
  'auth.upgrade',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.logout_all',
  'auth.session_revoke',
  'gateway.create',
  'gateway.rename',
  'gateway.delete',
  'gateway.move',
  'gateway.settings_update',
  'gateway.secret_reveal',
  'gateway.secret_regenerate',
  'provider.create',
  'provider.update',
  'provider.delete',
  'key.create',
  'key.update',
  'key.delete',
  'routing.update',
  'user.create',
  'user.update',
  'invite.create',
  'invite.revoke',
  'env_grant.grant',
  'env_grant.revoke',
  'team.create',
  'team.update',
  'team.delete',
  'team.transfer',
  'team.member_add',
  'team.member_remove',
  'team.member_role_change',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted: a signed-in user, the operator's `ADMIN_API_KEY`, or nobody known (a failed login). */
export const AUDIT_ACTOR_TYPES = ['user', 'admin_key', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

// Dates Postgres and JavaScript agree on; an out-of-range year is the caller's 400, not a 500.
const isoDate = z
  .string()
  .max(64)
  .refine((s) => {
    const ms = Date.parse(s);
    return ms >= EARLIEST_MS && ms < LATEST_MS;
  }, 'must be an ISO 8601 date from 2000-01-01 to 2199-12-31')
  .transform((s) => new Date(s));

/** `GET /audit`, `GET /gateway/:id/audit`: newest first, `cursor` from the previous page's `next_cursor`. */
export const AuditQuery = z
  .object({
    /** One action (`gateway.create`) or a family (`gateway.*`). */
    action: z
      .string()
      .max(64)
      .regex(/^[a-z_]+(\.([a-z_]+|\*))?$/, "must be an action such as 'key.create' or 'key.*'")
      .optional(),
    /** A user id, an email, or `admin_key`. */
    actor: z.string().trim().max(320).optional(),
    /** `GET /audit` only: one gateway's events. */
    gateway_id: z.string().uuid('must be a gateway id').optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, 'must be the next_cursor of a previous page')
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** One recorded change. `details` holds old and new values without secrets (keys as `key_last4`). */
export const AuditEvent = z
  .object({
    id: z.string(),
    at: z.string().describe('ISO 8601'),
    actor: z.object({
      type: z.enum(AUDIT_ACTOR_TYPES),
      id: z.string().nullable(),
      label: z.string().nullable().describe('email or username at the time, or ADMIN_API_KEY'),
    }),
    action: z.enum(AUDIT_ACTIONS),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    gateway_id: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).describe('old and new values, secrets left out'),
    ip: z
      .string()
      .nullable()
      .describe("client address (the socket's, or the forwarded one with TRUST_PROXY)"),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/** `GET /audit`, `GET /gateway/:id/audit`. */
export const AuditPage = z
  .object({
    events: z.array(AuditEvent),
    next_cursor: z
      .string()
      .nullable()
      .describe('pass as `cursor` for older events; null on the last page'),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;
