import { apiRequest } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import type { Team, TeamList, TeamMember, TeamMemberList, TeamRole } from '@gateway/contracts';
import { notifyTeamsChanged, useTeamsVersion } from './team-store';

export type { Team, TeamMember, TeamRole };

const path = (id: string, rest = '') => `/teams/${encodeURIComponent(id)}${rest}`;

/** Calls that change the caller's list of teams announce it, so the switcher follows. */
async function changingTeams<T>(call: Promise<T>): Promise<T> {
  const result = await call;
  notifyTeamsChanged();
  return result;
}

export const teamApi = {
  list: (signal?: AbortSignal) => apiRequest<TeamList>('/teams', { signal }),
  create: (name: string) =>
    changingTeams(apiRequest<Team>('/teams', { method: 'POST', body: { name } })),
  get: (id: string, signal?: AbortSignal) => apiRequest<Team>(path(id), { signal }),
  rename: (id: string, name: string) =>
    changingTeams(apiRequest<Team>(path(id), { method: 'PATCH', body: { name } })),
  remove: (id: string) => changingTeams(apiRequest<void>(path(id), { method: 'DELETE' })),
  members: (id: string, signal?: AbortSignal) =>
    apiRequest<TeamMemberList>(path(id, '/members'), { signal }),
  addMember: (id: string, email: string, role: TeamRole) =>
    apiRequest<TeamMember>(path(id, '/members'), { method: 'POST', body: { email, role } }),
  changeRole: (id: string, userId: string, role: TeamRole) =>
    changingTeams(
      apiRequest<TeamMember>(path(id, `/members/${encodeURIComponent(userId)}`), {
        method: 'PATCH',
        body: { role },
      }),
    ),
  removeMember: (id: string, userId: string) =>
    changingTeams(
      apiRequest<void>(path(id, `/members/${encodeURIComponent(userId)}`), { method: 'DELETE' }),
    ),
  transfer: (id: string, userId: string) =>
    changingTeams(
      apiRequest<Team>(path(id, '/transfer'), { method: 'POST', body: { user_id: userId } }),
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
