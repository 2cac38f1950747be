import { z } from 'zod';
import { CredentialsBody, USER_ROLES, type SignupMode, type UserRole } from './auth';

/** `POST /admin/users`: an account with a password, made by the operator (any SIGNUP_MODE). */
export const CreateUserBody = CredentialsBody.extend({
  role: z.enum(USER_ROLES).default('user'),
}).strict();
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
  });
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
  .strict();
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
export interface AdminUser {
  id: string;
  username: string;
  email: string | null;
  role: UserRole;
  /** ISO date it was disabled, or null */
  disabled_at: string | null;
  /** May its gateways use the environment's provider credentials under `ENV_PROVIDERS=granted`. */
  env_granted: boolean;
  /** The built-in owner of gateways created with `ADMIN_API_KEY` (cannot log in or be changed). */
  operator: boolean;
  created_at: string;
}

/** `GET /admin/users`. */
export interface AdminUserList {
  users: AdminUser[];
}

/** `POST /admin/invites` (201): the token is shown once. */
export interface CreatedInvite {
  id: string;
  token: string;
  expires_at: string;
}

/** A row of `GET /admin/invites`: invites not yet used, revoked or expired. */
export interface Invite {
  id: string;
  email: string | null;
  role: UserRole;
  created_at: string;
  expires_at: string;
}

/** `GET /admin/invites`. */
export interface InviteList {
  invites: Invite[];
}

/** Which gateways may use the environment's provider credentials (`ENV_PROVIDERS`). */
export const ENV_PROVIDERS_MODES = ['all', 'granted', 'none'] as const;
export type EnvProvidersMode = (typeof ENV_PROVIDERS_MODES)[number];

/** A principal allowed to spend the environment's provider credentials (`ENV_PROVIDERS=granted`). */
export interface EnvGrant {
  principal_type: 'user';
  principal_id: string;
  granted: boolean;
}

/** A row of `GET /admin/gateways`: every gateway, with its owner. */
export interface AdminGateway {
  id: string;
  name: string;
  created_at: string;
  owner: { id: string; username: string; email: string | null; disabled: boolean };
  /** Whether it may use the environment's provider credentials right now (per ENV_PROVIDERS). */
  env_allowed: boolean;
}

/** `GET /admin/gateways`. */
export interface AdminGatewayList {
  gateways: AdminGateway[];
}

/** `GET /admin/status`: the access settings this deployment runs with. */
export interface AdminStatus {
  signup_mode: SignupMode;
  env_providers: EnvProvidersMode;
  admin_key_configured: boolean;
}
