import { z } from 'zod';
import { CredentialsBody, SIGNUP_MODES, USER_ROLES } from './auth';

/** `POST /admin/users`: an account with a password, made by the operator (any SIGNUP_MODE). */
export const CreateUserBody = CredentialsBody.extend({
  role: z.enum(USER_ROLES).default('user'),
})
  .strict()
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** `PATCH /admin/users/:id`: disable (sessions end, gateways stop serving) or re-enable; change the role. */
export const UpdateUserBody = z
  .object({
    disabled: z.boolean().optional(),
    role: z.enum(USER_ROLES).optional(),
  })
  .strict()
  .refine((b) => b.disabled !== undefined || b.role !== undefined, {
    message: 'give disabled or role',
  })
  .meta({ id: 'UpdateUserBody' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

/** `POST /admin/invites`: who the invite is for (optional) and for how long it is valid. */
export const CreateInviteBody = z
  .object({
    /** When set, only this address can register with the token. */
    email: z
      .string()
      .trim()
      .toLowerCase()
      .email('email must be a valid address')
      .max(320)
      .optional(),
    role: z.enum(USER_ROLES).default('user'),
    expires_in_hours: z
      .number()
      .positive()
      .max(24 * 90)
      .default(72),
  })
  .strict()
  .meta({ id: 'CreateInviteBody' });
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

/** `GET /admin/users`, `?q=` matches email or username. */
export const AdminListQuery = z.object({
  q: z.string().trim().max(320).optional(),
});
export type AdminListQuery = z.infer<typeof AdminListQuery>;

/** `GET /admin/gateways`, `?owner_id=` narrows to one user's. */
export const AdminGatewaysQuery = z.object({
  owner_id: z.string().uuid('must be a user id').optional(),
});
export type AdminGatewaysQuery = z.infer<typeof AdminGatewaysQuery>;

/** A row of `GET /admin/users`; `POST /admin/users` (201), `PATCH /admin/users/:id`. */
export const AdminUser = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
    role: z.enum(USER_ROLES),
    disabled_at: z.string().nullable().describe('ISO 8601 date it was disabled, or null'),
    env_granted: z
      .boolean()
      .describe(
        "may its gateways use the environment's provider credentials (ENV_PROVIDERS=granted)",
      ),
    operator: z
      .boolean()
      .describe(
        'the built-in owner of gateways created with ADMIN_API_KEY (cannot log in or be changed)',
      ),
    created_at: z.string(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof AdminUser>;

/** `GET /admin/users`. */
export const AdminUserList = z.object({ users: z.array(AdminUser) }).meta({ id: 'AdminUserList' });
export type AdminUserList = z.infer<typeof AdminUserList>;

/** `POST /admin/invites` (201): the token is shown once. */
export const CreatedInvite = z
  .object({
    id: z.string(),
    token: z.string().describe('for `POST /auth/register` as `invite_token`; shown once'),
    expires_at: z.string(),
  })
  .meta({ id: 'CreatedInvite' });
export type CreatedInvite = z.infer<typeof CreatedInvite>;

/** A row of `GET /admin/invites`: invites not yet used, revoked or expired. */
export const Invite = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    role: z.enum(USER_ROLES),
    created_at: z.string(),
    expires_at: z.string(),
  })
  .meta({ id: 'Invite' });
export type Invite = z.infer<typeof Invite>;

/** `GET /admin/invites`. */
export const InviteList = z.object({ invites: z.array(Invite) }).meta({ id: 'InviteList' });
export type InviteList = z.infer<typeof InviteList>;

/** Which gateways may use the environment's provider credentials (`ENV_PROVIDERS`). */
export const ENV_PROVIDERS_MODES = ['all', 'granted', 'none'] as const;
export type EnvProvidersMode = (typeof ENV_PROVIDERS_MODES)[number];

/** A principal allowed to spend the environment's provider credentials (`ENV_PROVIDERS=granted`). */
export const EnvGrant = z
  .object({
    principal_type: z.literal('user'),
    principal_id: z.string(),
    granted: z.boolean(),
  })
  .meta({ id: 'EnvGrant' });
export type EnvGrant = z.infer<typeof EnvGrant>;

/** A row of `GET /admin/gateways`: every gateway, with its owner. */
export const AdminGateway = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: z.string(),
    team_id: z.string().describe('the team that owns the gateway'),
    owner: z
      .object({
        id: z.string(),
        username: z.string(),
        email: z.string().nullable(),
        disabled: z.boolean(),
      })
      .describe('the user who created it'),
    env_allowed: z
      .boolean()
      .describe("whether it may use the environment's provider credentials now (ENV_PROVIDERS)"),
  })
  .meta({ id: 'AdminGateway' });
export type AdminGateway = z.infer<typeof AdminGateway>;

/** `GET /admin/gateways`. */
export const AdminGatewayList = z
  .object({ gateways: z.array(AdminGateway) })
  .meta({ id: 'AdminGatewayList' });
export type AdminGatewayList = z.infer<typeof AdminGatewayList>;

/** `GET /admin/status`: the access settings this deployment runs with. */
export const AdminStatus = z
  .object({
    signup_mode: z.enum(SIGNUP_MODES),
    env_providers: z.enum(ENV_PROVIDERS_MODES),
    admin_key_configured: z.boolean(),
  })
  .meta({ id: 'AdminStatus' });
export type AdminStatus = z.infer<typeof AdminStatus>;
