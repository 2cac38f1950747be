import { z } from 'zod';
import { TEAM_ROLES } from './access';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A user, team or gateway id. */
export const IdField = z.string().regex(UUID_RE, 'must be an id (uuid)');

const teamName = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(200, 'name must be at most 200 characters');

/** `POST /teams`, `PATCH /teams/:id`. */
export const TeamNameBody = z.object({ name: teamName }).strict().meta({ id: 'TeamNameBody' });
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
  })
  .meta({ id: 'AddMemberBody' });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

/** `PATCH /teams/:id/members/:user_id`. */
export const UpdateMemberBody = z.object({ role }).strict().meta({ id: 'UpdateMemberBody' });
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

/** `POST /teams/:id/transfer`: the member who becomes owner (the caller stays on as admin). */
export const TransferTeamBody = z
  .object({ user_id: IdField })
  .strict()
  .meta({ id: 'TransferTeamBody' });
export type TransferTeamBody = z.infer<typeof TransferTeamBody>;

/** A team as the caller sees it: `GET /teams`, `GET`/`PATCH /teams/:id`, `POST /teams`. */
export const Team = z
  .object({
    id: z.string(),
    name: z.string(),
    personal: z
      .boolean()
      .describe(
        "every user's own team: only its owner is ever a member; it cannot be deleted or transferred",
      ),
    role: z.enum(TEAM_ROLES).describe("the caller's role in this team"),
    created_at: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

/** `GET /teams`: the caller's teams, their personal team first. */
export const TeamList = z.object({ teams: z.array(Team) }).meta({ id: 'TeamList' });
export type TeamList = z.infer<typeof TeamList>;

/** A row of `GET /teams/:id/members`; `POST` and `PATCH` answer the member. */
export const TeamMember = z
  .object({
    user_id: z.string(),
    username: z.string(),
    email: z.string().nullable().describe('null for an anonymous user'),
    role: z.enum(TEAM_ROLES),
    joined_at: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMember>;

/** `GET /teams/:id/members`. */
export const TeamMemberList = z
  .object({ members: z.array(TeamMember) })
  .meta({ id: 'TeamMemberList' });
export type TeamMemberList = z.infer<typeof TeamMemberList>;
