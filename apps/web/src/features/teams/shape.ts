import {
  TEAM_ROLES,
  canCall,
  roleAtLeast,
  type Gateway,
  type Team,
  type TeamMember,
  type TeamRole,
} from '@gateway/contracts';

/** Roles the caller may hand out: admins up to admin, owners every role. */
export function assignableRoles(myRole: TeamRole): TeamRole[] {
  if (myRole === 'owner') return [...TEAM_ROLES];
  return roleAtLeast(myRole, 'admin') ? TEAM_ROLES.filter((r) => r !== 'owner') : [];
}

export interface MemberActions {
  self: boolean;
  /** The role can be changed by the caller (to one of `assignableRoles`). */
  changeRole: boolean;
  /** The caller may remove this member (or leave, for their own row). */
  remove: boolean;
}

/** What the members page offers on one row; the API enforces the same rules (`team-rules.ts`). */
export function memberActions(
  me: { userId: string; role: TeamRole },
  member: TeamMember,
  team: { personal: boolean; owners: number },
): MemberActions {
  const self = member.user_id === me.userId;
  if (team.personal) return { self, changeRole: false, remove: false };
  const lastOwner = member.role === 'owner' && team.owners <= 1;
  const mayTouch =
    roleAtLeast(me.role, 'admin') && (member.role !== 'owner' || me.role === 'owner');
  return {
    self,
    changeRole: mayTouch && !lastOwner,
    remove: !lastOwner && (self || mayTouch),
  };
}

export interface TeamGroup {
  team: Pick<Team, 'id' | 'name' | 'personal'>;
  role: TeamRole;
  gateways: Gateway[];
}

/**
 * Gateways grouped by team in the order of the caller's teams (personal first). With a team selected,
 * only its group (even when empty); with `'all'`, every team that has gateways.
 */
export function gatewaysByTeam(gateways: Gateway[], teams: Team[], selected: string): TeamGroup[] {
  const groups = new Map<string, TeamGroup>(
    teams.map((t): [string, TeamGroup] => [t.id, { team: t, role: t.role, gateways: [] }]),
  );
  for (const g of gateways) {
    const group: TeamGroup = groups.get(g.team_id) ?? {
      team: { id: g.team_id, name: 'Team', personal: false },
      role: g.role,
      gateways: [],
    };
    group.gateways.push(g);
    groups.set(g.team_id, group);
  }
  const all = [...groups.values()];
  if (selected !== 'all') return all.filter((g) => g.team.id === selected);
  return all.filter((g) => g.gateways.length > 0);
}

/** Teams where the caller may create gateways (admin or owner). */
export function teamsForNewGateways(teams: Team[]): Team[] {
  return teams.filter((t) => canCreateGatewayIn(t.role));
}

export function canCreateGatewayIn(role: TeamRole): boolean {
  return roleAtLeast(role, 'admin');
}

/** The gateway tabs a role may open (the rest are hidden). */
export function visibleGatewayTabs(role: TeamRole) {
  return {
    overview: true,
    analytics: canCall(role, 'GET /analytics/gateway/:id/timeseries'),
    logs: canCall(role, 'GET /analytics/gateway/:id/logs'),
    playground: canCall(role, 'GET /gateway/:id/credentials'),
    providers: canCall(role, 'GET /gateway/:id/providers'),
    keys: canCall(role, 'GET /gateway/:id/keys'),
    mcp: canCall(role, 'GET /gateway/:id/mcp-servers'),
    settings: canCall(role, 'GET /gateway/:id/credentials'),
    audit: canCall(role, 'GET /gateway/:id/audit'),
  };
}

export type GatewayTab = keyof ReturnType<typeof visibleGatewayTabs>;
