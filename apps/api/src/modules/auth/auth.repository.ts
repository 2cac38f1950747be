import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThan, type Repository } from 'typeorm';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

@Injectable()
export class AuthRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  createUser(
    user: Pick<UserEntity, 'id' | 'username' | 'email' | 'passwordHash'>,
  ): Promise<UserEntity> {
    return this.users.save(this.users.create(user));
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

  async setCredentials(id: string, email: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { email, passwordHash });
  }

  createSession(
    session: Pick<SessionEntity, 'id' | 'userId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<SessionEntity> {
    return this.sessions.save(this.sessions.create(session));
  }

  findLiveSession(tokenHash: string, now: Date): Promise<SessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash, expiresAt: MoreThan(now) });
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sessions.delete({ tokenHash });
  }
}
