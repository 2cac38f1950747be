import { z } from 'zod';
import { TEAM_ROLES, type TeamRole } from './access';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A user, team or gateway id. */
export const IdField = z.string().regex(UUID_RE, 'must be an id (uuid)');

const teamName = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(200, 'name must be at most 200 characters');

/** `POST /teams`, `PATCH /teams/:id`. */
export const TeamNameBody = z.object({ name: teamName }).strict();
export type TeamNameBody = z.infer<typeof TeamNameBody>;

const role = z.enum(TEAM_ROLES, { message: `must be one of ${TEAM_ROLES.join(', ')}` });

/** `POST /teams/:id/members`: an existing user, by email or by id (anonymous users have no email). */
export const AddMemberBody = z
  .object({
    email: z.string().trim().toLowerCase().email('email must be a valid address').max(320),
    user_id: IdField,
    role,
  })
  .partial({ email: true, user_id: true })
  .strict()
  .refine((b) => (b.email === undefined) !== (b.user_id === undefined), {
    message: 'give either email or user_id',
    path: ['email'],
  });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

/** `PATCH /teams/:id/members/:user_id`. */
export const UpdateMemberBody = z.object({ role }).strict();
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

/** `POST /teams/:id/transfer`: the member who becomes owner (the caller stays on as admin). */
export const TransferTeamBody = z.object({ user_id: IdField }).strict();
export type TransferTeamBody = z.infer<typeof TransferTeamBody>;

/** A team as the caller sees it: `GET /teams`, `GET`/`PATCH /teams/:id`, `POST /teams`. */
export interface Team {
  id: string;
  name: string;
  /** Every user's own team: only its owner is ever a member; it cannot be deleted or transferred. */
  personal: boolean;
  /** The caller's role in this team. */
  role: TeamRole;
  created_at: string;
}

/** `GET /teams`: the caller's teams, their personal team first. */
export interface TeamList {
  teams: Team[];
}

/** A row of `GET /teams/:id/members`; `POST` and `PATCH` answer the member. */
export interface TeamMember {
  user_id: string;
  username: string;
  email: string | null;
  role: TeamRole;
  joined_at: string;
}

export interface TeamMemberList {
  members: TeamMember[];
}
