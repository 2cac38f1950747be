import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../../common/domain-errors';
import { sha256Hex } from '../../common/secrets';
import { isUuid } from '../../common/uuid';
import { AuthRepository } from './auth.repository';
import { AlreadyRegisteredError, BadCredentialsError, EmailTakenError } from './auth.errors';
import type { CredentialsDto, SessionDto, UserDto } from './dto/credentials.dto';
import { hashPassword, verifyPassword } from './password-hash';
import { readableName } from './readable-name';
import type { UserEntity } from './user.entity';

const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface AuthenticatedUser {
  id: string;
  sessionTokenHash?: string;
  /** An operator: passes every team and gateway role check. Always false until operators exist. */
  isAdmin: boolean;
}

function toDto(user: UserEntity): UserDto {
  return { id: user.id, username: user.username, email: user.email };
}

@Injectable()
export class AuthService {
  constructor(private readonly repo: AuthRepository) {}

  async join(): Promise<{ id: string; username: string }> {
    const user = await this.repo.createUser({
      id: randomUUID(),
      username: readableName(),
      email: null,
      passwordHash: null,
    });
    return { id: user.id, username: user.username };
  }

  async register(creds: CredentialsDto): Promise<SessionDto> {
    if (await this.repo.findUserByEmail(creds.email)) throw new EmailTakenError();
    const user = await this.repo.createUser({
      id: randomUUID(),
      username: readableName(),
      email: creds.email,
      passwordHash: await hashPassword(creds.password),
    });
    return this.openSession(user);
  }

  async login(creds: CredentialsDto): Promise<SessionDto> {
    const user = await this.repo.findUserByEmail(creds.email);
    // Hash even when the user is unknown so timing does not reveal which emails exist.
    const ok = user?.passwordHash
      ? await verifyPassword(creds.password, user.passwordHash)
      : (await hashPassword(creds.password), false);
    if (!user || !ok) throw new BadCredentialsError();
    return this.openSession(user);
  }

  /** An anonymous user adds an email and password and keeps everything they own. */
  async upgrade(userId: string, creds: CredentialsDto): Promise<SessionDto> {
    const user = await this.requireUser(userId);
    if (user.email) throw new AlreadyRegisteredError();
    const other = await this.repo.findUserByEmail(creds.email);
    if (other) throw new EmailTakenError();
    await this.repo.setCredentials(user.id, creds.email, await hashPassword(creds.password));
    return this.openSession({ ...user, email: creds.email });
  }

  async logout(auth: AuthenticatedUser): Promise<void> {
    if (auth.sessionTokenHash) await this.repo.deleteSession(auth.sessionTokenHash);
  }

  async me(userId: string): Promise<UserDto> {
    return toDto(await this.requireUser(userId));
  }

  /** Single sign-on: the account with this email, if any. */
  async findAccountByEmail(email: string): Promise<UserDto | null> {
    const user = await this.repo.findUserByEmail(email);
    return user && toDto(user);
  }

  /** Single sign-on: the account with this id, if it still exists. */
  async findAccount(id: string): Promise<UserDto | null> {
    const user = await this.repo.findUser(id);
    return user && toDto(user);
  }

  /** Single sign-on: a new account with the identity provider's email and name, and no password. */
  async createSsoAccount(email: string, name: string | undefined): Promise<UserDto> {
    const user = await this.repo.createUser({
      id: randomUUID(),
      username: name ?? readableName(),
      email,
      passwordHash: null,
    });
    return toDto(user);
  }

  /** A session for someone the identity provider vouched for, the same as `/auth/login` opens. */
  async startSession(userId: string): Promise<SessionDto> {
    return this.openSession(await this.requireUser(userId));
  }

  /** Resolves the management caller from `x-user-id` or a session token. */
  async authenticate(headers: { userId?: string; bearer?: string }): Promise<AuthenticatedUser> {
    if (headers.bearer) {
      const tokenHash = sha256Hex(headers.bearer);
      const session = await this.repo.findLiveSession(tokenHash, new Date());
      if (!session) throw new UnauthenticatedError('Session expired or invalid: sign in again');
      return { id: session.userId, sessionTokenHash: tokenHash, isAdmin: false };
    }
    if (headers.userId) {
      if (!isUuid(headers.userId)) throw new UnauthenticatedError('x-user-id must be a user id');
      const user = await this.repo.findUser(headers.userId);
      if (!user) throw new UnauthenticatedError('Unknown user: call POST /auth/join first');
      return { id: user.id, isAdmin: false };
    }
    throw new UnauthenticatedError(
      'Missing credentials: send x-user-id or Authorization: Bearer <session token>',
    );
  }

  /** Public profiles of the given users (team member lists); unknown ids are left out. */
  async profiles(ids: string[]): Promise<UserDto[]> {
    return (await this.repo.findUsers(ids)).map(toDto);
  }

  /** A user's profile by id or by email, or undefined when there is none. */
  async findProfile(by: { id: string } | { email: string }): Promise<UserDto | undefined> {
    const user =
      'id' in by ? await this.repo.findUser(by.id) : await this.repo.findUserByEmail(by.email);
    return user ? toDto(user) : undefined;
  }

  private async requireUser(id: string): Promise<UserEntity> {
    const user = await this.repo.findUser(id);
    if (!user) throw new UnauthenticatedError('Unknown user');
    return user;
  }

  private async openSession(user: UserEntity): Promise<SessionDto> {
    const token = randomBytes(32).toString('base64url');
    await this.repo.createSession({
      id: randomUUID(),
      userId: user.id,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    });
    return { user: toDto(user), token };
  }
}
