import { Injectable } from '@nestjs/common';
import { roleAtLeast, type TeamRole } from '@gateway/contracts';
import { NotFoundError } from '../../common/domain-errors';
import { isUuid } from '../../common/uuid';
import type { Caller } from '../auth/caller';
import { InsufficientRoleError } from './teams.errors';
import { TeamsRepository } from './teams.repository';

/** A team the caller may act on, with the role they act with. */
export interface AuthorizedTeam {
  readonly teamId: string;
  readonly role: TeamRole;
}

/**
 * The one authorization rule of the management API: a stranger is told the thing does not exist
 * (404, as if it never did), a member below `min` is refused (403).
 */
export function assertRole(
  role: TeamRole | undefined,
  min: TeamRole,
  what: 'Team' | 'Gateway',
): TeamRole {
  if (!role) throw new NotFoundError(what);
  if (!roleAtLeast(role, min)) throw InsufficientRoleError.needing(min, role);
  return role;
}

/** Membership lookups for role checks. Operators (`caller.isAdmin`) act as owners of every team. */
@Injectable()
export class TeamAccess {
  constructor(private readonly repo: TeamsRepository) {}

  async require(caller: Caller, teamId: string, min: TeamRole): Promise<AuthorizedTeam> {
    const role = isUuid(teamId) ? await this.roleOf(caller, teamId) : undefined;
    return { teamId, role: assertRole(role, min, 'Team') };
  }

  /** The caller's role in the team, or undefined when they are not a member. */
  async roleOf(caller: Caller, teamId: string): Promise<TeamRole | undefined> {
    if (caller.isAdmin) return (await this.repo.findTeam(teamId)) ? 'owner' : undefined;
    return this.repo.roleIn(teamId, caller.userId);
  }

  /** Every team the user belongs to → their role there. */
  async rolesOf(userId: string): Promise<Map<string, TeamRole>> {
    return new Map((await this.repo.teamsOf(userId)).map((t) => [t.team.id, t.role]));
  }

  /** The user's personal team (created on first use): where gateways go when no team is named. */
  async personalTeamId(userId: string): Promise<string> {
    return (await this.repo.personalTeam(userId, PERSONAL_TEAM_NAME)).id;
  }
}

export const PERSONAL_TEAM_NAME = 'Personal';
