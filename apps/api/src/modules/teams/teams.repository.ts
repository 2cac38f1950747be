import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { TeamRole } from '@gateway/contracts';
import { DataSource, IsNull, type EntityManager, type Repository } from 'typeorm';
import { TeamMemberEntity } from './team-member.entity';
import type { TeamRef } from './team-ref';
import { TeamEntity } from './team.entity';

export interface TeamWithRole {
  team: TeamEntity;
  role: TeamRole;
}

/** A membership after `joinSharedTeam`: the role held, and whether this call added it. */
export interface SharedTeamJoin {
  team: TeamEntity;
  role: TeamRole;
  added: boolean;
}

/** One team's members inside a transaction that holds the team's row lock. */
export interface LockedTeam {
  team: TeamEntity;
  members: TeamMemberEntity[];
  add(userId: string, role: TeamRole): Promise<TeamMemberEntity>;
  setRole(userId: string, role: TeamRole): Promise<void>;
  remove(userId: string): Promise<void>;
}

// SQLSTATE restrict_violation (gateways.team_id is ON DELETE RESTRICT) or foreign_key_violation: a
// gateway still belongs to the team.
const STILL_REFERENCED = new Set(['23001', '23503']);

@Injectable()
export class TeamsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(TeamMemberEntity) private readonly members: Repository<TeamMemberEntity>,
  ) {}

  /** Creates the team with its first owner, in one transaction. */
  create(name: string, ownerId: string, personal = false): Promise<TeamEntity> {
    return this.db.transaction(async (em) => {
      const team = await em.save(
        em.create(TeamEntity, {
          id: randomUUID(),
          name,
          personalUserId: personal ? ownerId : null,
        }),
      );
      await em.insert(TeamMemberEntity, { teamId: team.id, userId: ownerId, role: 'owner' });
      return team;
    });
  }

  /** The user's personal team, created on first use (safe when two requests race for it). */
  async personalTeam(userId: string, name: string): Promise<TeamEntity> {
    const existing = await this.teams.findOneBy({ personalUserId: userId });
    if (existing) return existing;
    return this.db.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(TeamEntity)
        .values({ id: randomUUID(), name, personalUserId: userId })
        .orIgnore()
        .execute();
      const team = await em.findOneByOrFail(TeamEntity, { personalUserId: userId });
      await em
        .createQueryBuilder()
        .insert()
        .into(TeamMemberEntity)
        .values({ teamId: team.id, userId, role: 'owner' })
        .orIgnore()
        .execute();
      return team;
    });
  }

  /**
   * Adds the user to a shared team (never a personal one) named by id or by exact name, the oldest
   * of that name; an existing membership is kept as it is, so a concurrent join of the same user
   * cannot fail. The team's row is share-locked so it is not deleted in between. Null when no
   * shared team matches.
   */
  joinSharedTeam(ref: TeamRef, userId: string, role: TeamRole): Promise<SharedTeamJoin | null> {
    return this.db.transaction(async (em) => {
      const team = await em.findOne(TeamEntity, {
        where: { ...ref, personalUserId: IsNull() },
        order: { createdAt: 'ASC', id: 'ASC' },
        lock: { mode: 'pessimistic_read' },
      });
      if (!team) return null;
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(TeamMemberEntity)
        .values({ teamId: team.id, userId, role })
        .orIgnore()
        .returning('user_id')
        .execute();
      const member = await em.findOneByOrFail(TeamMemberEntity, { teamId: team.id, userId });
      return { team, role: member.role, added: (inserted.raw as unknown[]).length > 0 };
    });
  }

  findTeam(id: string): Promise<TeamEntity | null> {
    return this.teams.findOneBy({ id });
  }

  async roleIn(teamId: string, userId: string): Promise<TeamRole | undefined> {
    return (await this.members.findOneBy({ teamId, userId }))?.role;
  }

  /** Every team the user belongs to, with their role; the personal team first, then by creation. */
  async teamsOf(userId: string): Promise<TeamWithRole[]> {
    const rows = await this.members.find({
      where: { userId },
      relations: { team: true },
    });
    return rows
      .map((m) => ({ team: m.team!, role: m.role }))
      .sort(
        (a, b) =>
          Number(b.team.personalUserId === userId) - Number(a.team.personalUserId === userId) ||
          a.team.createdAt.getTime() - b.team.createdAt.getTime(),
      );
  }

  listMembers(teamId: string): Promise<TeamMemberEntity[]> {
    return this.members.find({ where: { teamId }, order: { createdAt: 'ASC' } });
  }

  async rename(id: string, name: string): Promise<void> {
    await this.teams.update({ id }, { name });
  }

  /** Deletes the team and its memberships; false while gateways still belong to it. */
  async delete(id: string): Promise<boolean> {
    try {
      await this.teams.delete({ id });
      return true;
    } catch (err) {
      const e = err as { code?: string; driverError?: { code?: string } };
      if (STILL_REFERENCED.has(e.driverError?.code ?? e.code ?? '')) return false;
      throw err;
    }
  }

  /**
   * Runs `change` on the team's members while holding its row lock, so concurrent changes (two owners
   * demoting each other) are applied one after the other and the rules see the current members.
   */
  withLockedTeam<T>(teamId: string, change: (team: LockedTeam) => Promise<T>): Promise<T | null> {
    return this.db.transaction(async (em) => {
      const team = await em.findOne(TeamEntity, {
        where: { id: teamId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!team) return null;
      const members = await em.find(TeamMemberEntity, {
        where: { teamId },
        order: { createdAt: 'ASC' },
      });
      return change(lockedTeam(em, team, members));
    });
  }
}

function lockedTeam(em: EntityManager, team: TeamEntity, members: TeamMemberEntity[]): LockedTeam {
  return {
    team,
    members,
    add: (userId, role) => em.save(em.create(TeamMemberEntity, { teamId: team.id, userId, role })),
    setRole: async (userId, role) => {
      await em.update(TeamMemberEntity, { teamId: team.id, userId }, { role });
    },
    remove: async (userId) => {
      await em.delete(TeamMemberEntity, { teamId: team.id, userId });
    },
  };
}
