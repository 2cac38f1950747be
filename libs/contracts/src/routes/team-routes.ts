import {
  AddMemberBody,
  Team,
  TeamList,
  TeamMember,
  TeamMemberList,
  TeamNameBody,
  TransferTeamBody,
  UpdateMemberBody,
} from '../teams';
import type { RouteSpec } from './route-spec';

const TEAM_ID = { id: 'team id' } as const;

/**
 * Teams and their members (`{id}` is a team here). Each `/teams/{id}` route needs the least role
 * `ENDPOINT_MIN_ROLE` names; someone outside the team gets 404, as if it did not exist.
 */
export const TEAM_ROUTES = {
  'POST /teams': {
    operationId: 'createTeam',
    summary: 'Create a team (the caller becomes its owner)',
    tag: 'Teams',
    auth: 'user',
    body: TeamNameBody,
    ok: { status: 201, description: 'The team.', schema: Team },
  },
  'GET /teams': {
    operationId: 'listTeams',
    summary: "The caller's teams, their personal team first, with their role in each",
    tag: 'Teams',
    auth: 'user',
    ok: { status: 200, description: 'The teams.', schema: TeamList },
  },
  'GET /teams/{id}': {
    operationId: 'getTeam',
    summary: 'One team',
    tag: 'Teams',
    auth: 'user',
    params: TEAM_ID,
    ok: { status: 200, description: 'The team.', schema: Team },
  },
  'PATCH /teams/{id}': {
    operationId: 'renameTeam',
    summary: 'Rename a team',
    tag: 'Teams',
    auth: 'user',
    params: TEAM_ID,
    body: TeamNameBody,
    ok: { status: 200, description: 'The team.', schema: Team },
  },
  'DELETE /teams/{id}': {
    operationId: 'deleteTeam',
    summary: 'Delete a team',
    description:
      'Refused (409) for a personal team and while the team owns gateways: delete or move them first.',
    tag: 'Teams',
    auth: 'user',
    params: TEAM_ID,
    ok: { status: 204, description: 'Deleted.' },
    errors: [409],
  },
  'GET /teams/{id}/members': {
    operationId: 'listTeamMembers',
    summary: "A team's members and their roles",
    tag: 'Teams',
    auth: 'user',
    params: TEAM_ID,
    ok: { status: 200, description: 'The members.', schema: TeamMemberList },
  },
  'POST /teams/{id}/members': {
    operationId: 'addTeamMember',
    summary: 'Add an existing user (by email or id) with a role',
    description:
      'The user must have signed up already (404 otherwise). Only an owner may add an owner; a personal team has no other members (409).',
    tag: 'Teams',
    auth: 'user',
    params: TEAM_ID,
    body: AddMemberBody,
    ok: { status: 201, description: 'The new member.', schema: TeamMember },
    errors: [409],
  },
  'PATCH /teams/{id}/members/{userId}': {
    operationId: 'changeTeamMemberRole',
    summary: "Change a member's role",
    description:
      'Admins manage members; only an owner grants, changes or removes the owner role. A team never loses its last owner (409).',
    tag: 'Teams',
    auth: 'user',
    params: TEAM_ID,
    body: UpdateMemberBody,
    ok: { status: 200, description: 'The member now.', schema: TeamMember },
    errors: [409],
  },
  'DELETE /teams/{id}/members/{userId}': {
    operationId: 'removeTeamMember',
    summary: 'Remove a member, or leave the team (your own user id)',
    description:
      'Anyone may leave; removing someone else needs the admin role (removing an owner, the owner role). The last owner cannot leave (409).',
    tag: 'Teams',
    auth: 'user',
    params: TEAM_ID,
    ok: { status: 204, description: 'Removed.' },
    errors: [409],
  },
  'POST /teams/{id}/transfer': {
    operationId: 'transferTeam',
    summary: 'Make another member the owner; the caller stays on as admin',
    tag: 'Teams',
    auth: 'user',
    params: TEAM_ID,
    body: TransferTeamBody,
    ok: { status: 200, description: "The team, with the caller's role now.", schema: Team },
    description: 'Refused (409) for a personal team and to oneself.',
    errors: [409],
  },
} as const satisfies Record<string, RouteSpec>;
