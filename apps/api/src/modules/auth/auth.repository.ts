import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ILike, In, LessThanOrEqual, MoreThan, type Repository } from 'typeorm';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

export type NewUser = Pick<UserEntity, 'id' | 'username' | 'email' | 'passwordHash'> &
  Partial<Pick<UserEntity, 'role'>>;

@Injectable()
export class AuthRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  createUser(user: NewUser): Promise<UserEntity> {
    return this.users.save(this.users.create(user));
  }

  /** Creates the row unless it exists (several replicas booting at once). */
  async ensureUser(user: NewUser): Promise<void> {
    await this.users.createQueryBuilder().insert().values(user).orIgnore().execute();
  }

  findUser(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findUsers(ids: string[]): Promise<UserEntity[]> {
    return ids.length ? this.users.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email });
  }

  /** Every user, oldest first; `q` matches email or username. */
  listUsers(q?: string): Promise<UserEntity[]> {
    const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    return this.users.find({
      where: like ? [{ email: ILike(like) }, { username: ILike(like) }] : {},
      order: { createdAt: 'ASC' },
    });
  }

  async updateUser(
    id: string,
    patch: Partial<Pick<UserEntity, 'email' | 'passwordHash' | 'role' | 'disabledAt'>>,
  ): Promise<void> {
    await this.users.update({ id }, patch);
  }

  createSession(
    session: Pick<SessionEntity, 'id' | 'userId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<SessionEntity> {
    return this.sessions.save(this.sessions.create(session));
  }

  findLiveSession(tokenHash: string, now: Date): Promise<SessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash, expiresAt: MoreThan(now) });
  }

  listLiveSessions(userId: string, now: Date): Promise<SessionEntity[]> {
    return this.sessions.find({
      where: { userId, expiresAt: MoreThan(now) },
      order: { createdAt: 'DESC' },
    });
  }

  async touchSession(id: string, now: Date, expiresAt: Date): Promise<void> {
    await this.sessions.update({ id }, { lastUsedAt: now, expiresAt });
  }

  /** Number of sessions removed. */
  async deleteSession(userId: string, id: string): Promise<number> {
    return (await this.sessions.delete({ userId, id })).affected ?? 0;
  }

  async deleteSessionsOf(userId: string): Promise<number> {
    return (await this.sessions.delete({ userId })).affected ?? 0;
  }

  /** Housekeeping: expired sessions are useless rows. */
  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThanOrEqual(now) });
  }
}
