import { Inject, Injectable } from '@nestjs/common';
import type { TeamRole } from '@gateway/contracts';
import { AUDIT_TRAIL, type AuditActor, type AuditTrail } from '../../common/audit-trail';
import { DomainError, ErrorCode, NotFoundError } from '../../common/domain-errors';
import { AuthService } from '../auth/auth.service';
import type { Caller } from '../auth/caller';
import type { UserDto } from '../auth/dto/credentials.dto';
import type {
  AddMemberDto,
  TeamDto,
  TeamListDto,
  TeamMemberDto,
  TeamMemberListDto,
} from './dto/team.dto';
import type { TeamMemberEntity } from './team-member.entity';
import { TeamAccess, type AuthorizedTeam } from './team-access';
import { teamRef } from './team-ref';
import { memberChangeRefusal, transferRefusal } from './team-rules';
import type { TeamEntity } from './team.entity';
import { TeamConflictError, refusalError } from './teams.errors';
import { TeamsRepository, type LockedTeam } from './teams.repository';

function toTeamDto(team: TeamEntity, role: TeamRole): TeamDto {
  return {
    id: team.id,
    name: team.name,
    personal: team.personalUserId !== null,
    role,
    created_at: team.createdAt.toISOString(),
  };
}

function countOwners(members: TeamMemberEntity[]): number {
  return members.filter((m) => m.role === 'owner').length;
}

/**
 * Teams and their members. Each change of a team or its members is one method here (create, rename,
 * delete, addMember, joinOnSignUp, changeRole, removeMember, transfer), so each can be audited in one
 * place.
 */
@Injectable()
export class TeamsService {
  constructor(
    private readonly repo: TeamsRepository,
    private readonly access: TeamAccess,
    private readonly auth: AuthService,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async list(caller: Caller): Promise<TeamListDto> {
    await this.access.personalTeamId(caller.userId);
    const teams = await this.repo.teamsOf(caller.userId);
    return { teams: teams.map(({ team, role }) => toTeamDto(team, role)) };
  }

  async create(caller: Caller, name: string): Promise<TeamDto> {
    const team = await this.repo.create(name, caller.userId);
    await this.audit.record({
      action: 'team.create',
      target: { type: 'team', id: team.id },
      details: { name },
    });
    return toTeamDto(team, 'owner');
  }

  async get(grant: AuthorizedTeam): Promise<TeamDto> {
    return toTeamDto(await this.requireTeam(grant.teamId), grant.role);
  }

  async rename(grant: AuthorizedTeam, name: string): Promise<TeamDto> {
    const team = await this.requireTeam(grant.teamId);
    await this.repo.rename(team.id, name);
    await this.audit.record({
      action: 'team.update',
      target: { type: 'team', id: team.id },
      details: { old: { name: team.name }, new: { name } },
    });
    return toTeamDto({ ...team, name }, grant.role);
  }

  /** Refused while the team owns gateways: they are deleted (or moved) one by one, on purpose. */
  async delete(grant: AuthorizedTeam): Promise<void> {
    const team = await this.requireTeam(grant.teamId);
    if (team.personalUserId !== null)
      throw new TeamConflictError('A personal team cannot be deleted');
    if (!(await this.repo.delete(team.id)))
      throw new TeamConflictError(
        'The team still owns gateways: delete them or move them to another team first',
      );
    await this.audit.record({
      action: 'team.delete',
      target: { type: 'team', id: team.id },
      details: { name: team.name },
    });
  }

  async members(grant: AuthorizedTeam): Promise<TeamMemberListDto> {
    const members = await this.repo.listMembers(grant.teamId);
    return { members: await this.withProfiles(members) };
  }

  async addMember(
    caller: Caller,
    grant: AuthorizedTeam,
    body: AddMemberDto,
  ): Promise<TeamMemberDto> {
    const user = await this.auth.findProfile(
      body.user_id !== undefined ? { id: body.user_id } : { email: body.email! },
    );
    if (!user)
      throw new DomainError(
        ErrorCode.NotFound,
        'No user with this email or id: they must sign up first',
      );
    const added = await this.changeLocked(caller, grant, async (t, actorRole) => {
      if (t.members.some((m) => m.userId === user.id))
        throw new TeamConflictError('Already a member of this team: change their role instead');
      this.check(t, actorRole, caller, undefined, body.role);
      return t.add(user.id, body.role);
    });
    await this.recordMember('team.member_add', grant.teamId, user.id, { role: body.role });
    return (await this.withProfiles([added]))[0];
  }

  /**
   * Single sign-on: an account it just created joins the team the operator chose for newcomers
   * (OIDC_DEFAULT_TEAM): `team` is an id or an exact name (`teamRef`), and only a shared team
   * matches, never someone's personal one. The operator decided, so no member's role is checked;
   * the newcomer is the audit actor, as for their registration. Joining again changes nothing.
   * Null when no shared team matches.
   */
  async joinOnSignUp(user: UserDto, team: string, role: TeamRole): Promise<TeamDto | null> {
    const joined = await this.repo.joinSharedTeam(teamRef(team), user.id, role);
    if (!joined) return null;
    if (joined.added) {
      await this.recordMember(
        'team.member_add',
        joined.team.id,
        user.id,
        { role, method: 'sso' },
        { type: 'user', id: user.id, label: user.email ?? user.username },
      );
    }
    return toTeamDto(joined.team, joined.role);
  }

  async changeRole(
    caller: Caller,
    grant: AuthorizedTeam,
    userId: string,
    role: TeamRole,
  ): Promise<TeamMemberDto> {
    let before: TeamRole | undefined;
    const changed = await this.changeLocked(caller, grant, async (t, actorRole) => {
      const target = this.requireMember(t, userId);
      if (target.role === role) return target;
      this.check(t, actorRole, caller, target, role);
      await t.setRole(userId, role);
      before = target.role;
      return { ...target, role };
    });
    if (before) {
      await this.recordMember('team.member_role_change', grant.teamId, userId, {
        old: { role: before },
        new: { role },
      });
    }
    return (await this.withProfiles([changed]))[0];
  }

  /** Removes a member, or the caller themselves (leaving the team). */
  async removeMember(caller: Caller, grant: AuthorizedTeam, userId: string): Promise<void> {
    const removed = await this.changeLocked(caller, grant, async (t, actorRole) => {
      const target = this.requireMember(t, userId);
      this.check(t, actorRole, caller, target, null);
      await t.remove(userId);
      return target;
    });
    await this.recordMember('team.member_remove', grant.teamId, userId, {
      old: { role: removed.role },
      left: userId === caller.userId,
    });
  }

  /** The member `userId` becomes an owner; the caller steps down to admin. */
  async transfer(caller: Caller, grant: AuthorizedTeam, userId: string): Promise<TeamDto> {
    const team = await this.changeLocked(caller, grant, async (t, actorRole) => {
      const refusal = transferRefusal({
        personal: t.team.personalUserId !== null,
        actorId: caller.userId,
        targetId: userId,
      });
      if (refusal) throw refusalError(refusal);
      this.requireMember(t, userId);
      await t.setRole(userId, 'owner');
      const actorIsMember = t.members.some((m) => m.userId === caller.userId);
      if (actorIsMember) await t.setRole(caller.userId, 'admin');
      return toTeamDto(t.team, actorIsMember ? 'admin' : actorRole);
    });
    await this.recordMember('team.transfer', grant.teamId, userId, { new_owner_id: userId });
    return team;
  }

  /**
   * A member change in the audit log: the team is the target, the member named in the details. The
   * actor is the request's caller unless given (a change no caller asked for).
   */
  private recordMember(
    action: 'team.member_add' | 'team.member_role_change' | 'team.member_remove' | 'team.transfer',
    teamId: string,
    userId: string,
    details: Record<string, unknown>,
    actor?: AuditActor,
  ): Promise<void> {
    return this.audit.record({
      action,
      target: { type: 'team', id: teamId },
      details: { user_id: userId, ...details },
      actor,
    });
  }

  /** Runs a member change under the team's lock with the caller's role as it is now. */
  private async changeLocked<T>(
    caller: Caller,
    grant: AuthorizedTeam,
    change: (team: LockedTeam, actorRole: TeamRole) => Promise<T>,
  ): Promise<T> {
    const result = await this.repo.withLockedTeam(grant.teamId, async (t) => {
      const own = t.members.find((m) => m.userId === caller.userId)?.role;
      // Removed meanwhile: a stranger now.
      const actorRole = caller.isAdmin ? 'owner' : own;
      if (!actorRole) throw new NotFoundError('Team');
      return { value: await change(t, actorRole) };
    });
    if (!result) throw new NotFoundError('Team');
    return result.value;
  }

  private check(
    t: LockedTeam,
    actorRole: TeamRole,
    caller: Caller,
    target: TeamMemberEntity | undefined,
    next: TeamRole | null,
  ): void {
    const refusal = memberChangeRefusal({
      personal: t.team.personalUserId !== null,
      actor: { userId: caller.userId, role: actorRole },
      target,
      next,
      owners: countOwners(t.members),
    });
    if (refusal) throw refusalError(refusal);
  }

  private requireMember(t: LockedTeam, userId: string): TeamMemberEntity {
    const member = t.members.find((m) => m.userId === userId);
    if (!member) throw new NotFoundError('Member');
    return member;
  }

  private async requireTeam(id: string): Promise<TeamEntity> {
    const team = await this.repo.findTeam(id);
    if (!team) throw new NotFoundError('Team');
    return team;
  }

  private async withProfiles(members: TeamMemberEntity[]): Promise<TeamMemberDto[]> {
    const profiles = new Map(
      (await this.auth.profiles(members.map((m) => m.userId))).map((p) => [p.id, p]),
    );
    return members.map((m) => ({
      user_id: m.userId,
      username: profiles.get(m.userId)?.username ?? '',
      email: profiles.get(m.userId)?.email ?? null,
      role: m.role,
      joined_at: m.createdAt.toISOString(),
    }));
  }
}
