import type { Team, TeamMember, TeamRole } from '@gateway/contracts';
import { callApi } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import { notifyTeamsChanged, useTeamsVersion } from './team-store';

export type { Team, TeamMember, TeamRole };

/** Calls that change the caller's list of teams announce it, so the switcher follows. */
async function changingTeams<T>(call: Promise<T>): Promise<T> {
  const result = await call;
  notifyTeamsChanged();
  return result;
}

export const teamApi = {
  list: (signal?: AbortSignal) => callApi('GET /teams', { signal }),
  create: (name: string) => changingTeams(callApi('POST /teams', { body: { name } })),
  get: (id: string, signal?: AbortSignal) => callApi('GET /teams/{id}', { params: { id }, signal }),
  rename: (id: string, name: string) =>
    changingTeams(callApi('PATCH /teams/{id}', { params: { id }, body: { name } })),
  remove: (id: string) => changingTeams(callApi('DELETE /teams/{id}', { params: { id } })),
  members: (id: string, signal?: AbortSignal) =>
    callApi('GET /teams/{id}/members', { params: { id }, signal }),
  addMember: (id: string, email: string, role: TeamRole) =>
    callApi('POST /teams/{id}/members', { params: { id }, body: { email, role } }),
  changeRole: (id: string, userId: string, role: TeamRole) =>
    changingTeams(
      callApi('PATCH /teams/{id}/members/{userId}', { params: { id, userId }, body: { role } }),
    ),
  removeMember: (id: string, userId: string) =>
    changingTeams(callApi('DELETE /teams/{id}/members/{userId}', { params: { id, userId } })),
  transfer: (id: string, userId: string) =>
    changingTeams(
      callApi('POST /teams/{id}/transfer', { params: { id }, body: { user_id: userId } }),
    ),
};

/** The caller's teams (personal first); refetched whenever a change of teams is announced. */
export function useTeams() {
  const version = useTeamsVersion();
  return useQuery(`teams:${version}`, (signal) => teamApi.list(signal).then((r) => r.teams), {
    keepPreviousData: true,
  });
}

export function useTeamMembers(teamId: string) {
  const version = useTeamsVersion();
  return useQuery(`members:${teamId}:${version}`, (signal) =>
    teamApi.members(teamId, signal).then((r) => r.members),
  );
}
