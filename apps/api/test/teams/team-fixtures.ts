import type { TeamRole } from '@gateway/contracts';
import { api } from '../support/test-app';

/** Team members by role, plus a stranger, as anonymous users (`x-user-id`). */
export interface Crew {
  owner: string;
  admin: string;
  member: string;
  viewer: string;
  stranger: string;
}

export const ROLES_AND_STRANGER = ['stranger', 'viewer', 'member', 'admin', 'owner'] as const;
export type Actor = (typeof ROLES_AND_STRANGER)[number];

export async function join(base: string): Promise<string> {
  const res = await api<{ id: string }>(base, 'POST', '/auth/join');
  if (res.status !== 200) throw new Error(`join: ${res.status}`);
  return res.body.id;
}

export async function createTeam(base: string, owner: string, name: string): Promise<string> {
  const res = await api(base, 'POST', '/teams', { userId: owner, body: { name } });
  if (res.status !== 201) throw new Error(`create team: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function addMember(
  base: string,
  teamId: string,
  by: string,
  userId: string,
  role: TeamRole,
): Promise<void> {
  const res = await api(base, 'POST', `/teams/${teamId}/members`, {
    userId: by,
    body: { user_id: userId, role },
  });
  if (res.status !== 201) throw new Error(`add member: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A team with one member of each role, and a user who belongs to none of it. */
export async function crewWithTeam(base: string, name: string): Promise<Crew & { teamId: string }> {
  const [owner, admin, member, viewer, stranger] = await Promise.all(
    Array.from({ length: 5 }, () => join(base)),
  );
  const teamId = await createTeam(base, owner, name);
  for (const [userId, role] of [
    [admin, 'admin'],
    [member, 'member'],
    [viewer, 'viewer'],
  ] as const)
    await addMember(base, teamId, owner, userId, role);
  return { teamId, owner, admin, member, viewer, stranger };
}

export async function createGateway(
  base: string,
  userId: string,
  name: string,
  teamId?: string,
): Promise<{ gatewayId: string; secret: string }> {
  const res = await api(base, 'POST', '/gateway/create', {
    userId,
    body: teamId ? { name, team_id: teamId } : { name },
  });
  if (res.status !== 200)
    throw new Error(`create gateway: ${res.status} ${JSON.stringify(res.body)}`);
  return { gatewayId: res.body.gateway_id, secret: res.body.secret };
}
