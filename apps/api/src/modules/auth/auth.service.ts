import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { RegisterBody, UserRole } from '@gateway/contracts';
import { AUDIT_TRAIL, type AuditTrail } from '../../common/audit-trail';
import { UnauthenticatedError } from '../../common/domain-errors';
import { currentRequestContext } from '../../common/request-context';
import type { AccessConfig, AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { GatewayEvents } from '../events/gateway-events';
import {
  AccountDisabledError,
  AlreadyRegisteredError,
  BadCredentialsError,
  EmailTakenError,
  SignupNotAllowedError,
} from './auth.errors';
import { AuthRepository } from './auth.repository';
import type { AuthenticatedUser } from './authenticator';
import type { CredentialsDto, SessionDto, UserDto } from './dto/credentials.dto';
import { InvitesService } from './invites.service';
import { LOGIN_THROTTLE } from './auth.tokens';
import type { LoginThrottle } from './login-throttle';
import { OPERATOR_USER_ID, OPERATOR_USERNAME } from './operator';
import { hashPassword, verifyPassword } from './password-hash';
import { readableName } from './readable-name';
import { SessionsService } from './sessions.service';
import type { UserEntity } from './user.entity';

export type { AuthenticatedUser } from './authenticator';

export function toUserDto(user: UserEntity): UserDto {
  return { id: user.id, username: user.username, email: user.email, role: user.role };
}

/**
 * Accounts from the caller's side: anonymous join and registration (as SIGNUP_MODE allows), login
 * (throttled), upgrade, logout. Every step is recorded in the audit log.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly access: AccessConfig;

  constructor(
    private readonly repo: AuthRepository,
    private readonly sessions: SessionsService,
    private readonly invites: InvitesService,
    private readonly events: GatewayEvents,
    @Inject(LOGIN_THROTTLE) private readonly throttle: LoginThrottle,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.access = config.access;
  }

  async onModuleInit(): Promise<void> {
    if (this.access.adminApiKey) {
      await this.repo.ensureUser({
        id: OPERATOR_USER_ID,
        username: OPERATOR_USERNAME,
        email: null,
        passwordHash: null,
        role: 'admin',
      });
    }
  }

  async join(): Promise<{ id: string; username: string }> {
    if (this.access.signupMode !== 'open') {
      throw new SignupNotAllowedError(
        `Anonymous accounts are off on this server (SIGNUP_MODE=${this.access.signupMode}): log in, or register with an invitation`,
      );
    }
    const user = await this.repo.createUser({
      id: randomUUID(),
      username: readableName(),
      email: null,
      passwordHash: null,
    });
    await this.audit.record({
      action: 'auth.join',
      actor: { type: 'user', id: user.id, label: user.username },
      target: { type: 'user', id: user.id },
    });
    return { id: user.id, username: user.username };
  }

  async register(dto: RegisterBody): Promise<SessionDto> {
    if (this.access.signupMode === 'closed') {
      throw new SignupNotAllowedError(
        'Sign-up is closed on this server (SIGNUP_MODE=closed): ask an administrator for an account',
      );
    }
    if (this.access.signupMode === 'invite' && !dto.invite_token) {
      throw new SignupNotAllowedError(
        'Sign-up needs an invitation on this server (SIGNUP_MODE=invite): register with invite_token',
      );
    }
    let role: UserRole = 'user';
    let inviteId: string | undefined;
    if (dto.invite_token) {
      const invite = await this.invites.claim(dto.invite_token, dto.email);
      if (!invite) {
        throw new SignupNotAllowedError(
          'This invitation is not valid: unknown, already used, revoked, expired or for another email',
        );
      }
      role = invite.role;
      inviteId = invite.id;
    }
    let user: UserEntity;
    try {
      user = await this.createAccount(dto, role);
    } catch (err) {
      if (inviteId) await this.invites.release(inviteId);
      throw err;
    }
    if (inviteId) await this.invites.setUsedBy(inviteId, user.id);
    await this.audit.record({
      action: 'auth.register',
      actor: { type: 'user', id: user.id, label: user.email },
      target: { type: 'user', id: user.id },
      details: { email: user.email, role, invite_id: inviteId ?? null },
    });
    return this.signedIn(user);
  }

  /** An account with a password (registration, or an administrator's POST /admin/users). */
  async createAccount(creds: CredentialsDto, role: UserRole): Promise<UserEntity> {
    if (await this.repo.findUserByEmail(creds.email)) throw new EmailTakenError();
    const user = await this.repo.createUser({
      id: randomUUID(),
      username: readableName(),
      email: creds.email,
      passwordHash: await hashPassword(creds.password),
      role,
    });
    if (role === 'admin') await this.events.emit({ kind: 'access' });
    return user;
  }

  async login(creds: CredentialsDto): Promise<SessionDto> {
    const { ip } = currentRequestContext();
    await this.throttle.check(creds.email, ip);
    const user = await this.repo.findUserByEmail(creds.email);
    // Hash even when the user is unknown so timing does not reveal which emails exist.
    const ok = user?.passwordHash
      ? await verifyPassword(creds.password, user.passwordHash)
      : (await hashPassword(creds.password), false);
    if (!user || !ok) {
      await this.throttle.failed(creds.email, ip);
      await this.audit.record({
        action: 'auth.login_failed',
        actor: { type: 'anonymous', id: null, label: null },
        target: { type: 'user', id: user?.id ?? null },
        details: { email: creds.email },
      });
      throw new BadCredentialsError();
    }
    await this.throttle.succeeded(creds.email);
    if (user.disabledAt) throw new AccountDisabledError();
    await this.audit.record({
      action: 'auth.login',
      actor: { type: 'user', id: user.id, label: user.email },
      target: { type: 'user', id: user.id },
    });
    return this.signedIn(user);
  }

  /** An anonymous user adds an email and password and keeps everything they own. */
  async upgrade(caller: AuthenticatedUser, creds: CredentialsDto): Promise<SessionDto> {
    const user = await this.requireUser(caller.id);
    if (user.email || user.id === OPERATOR_USER_ID) throw new AlreadyRegisteredError();
    if (await this.repo.findUserByEmail(creds.email)) throw new EmailTakenError();
    await this.repo.updateUser(user.id, {
      email: creds.email,
      passwordHash: await hashPassword(creds.password),
    });
    await this.audit.record({
      action: 'auth.upgrade',
      target: { type: 'user', id: user.id },
      details: { email: creds.email },
    });
    return this.signedIn({ ...user, email: creds.email });
  }

  /** Ends the session the caller used (nothing to end for x-user-id or the admin key). */
  async logout(caller: AuthenticatedUser): Promise<void> {
    if (!caller.sessionId) return;
    await this.sessions.revoke(caller.id, caller.sessionId);
    await this.audit.record({
      action: 'auth.logout',
      target: { type: 'session', id: caller.sessionId },
    });
  }

  /** Logout everywhere: every session of the caller ends. */
  async logoutAll(caller: AuthenticatedUser): Promise<{ sessions_ended: number }> {
    const ended = await this.sessions.revokeAll(caller.id);
    await this.audit.record({
      action: 'auth.logout_all',
      target: { type: 'user', id: caller.id },
      details: { sessions_ended: ended },
    });
    return { sessions_ended: ended };
  }

  async revokeSession(caller: AuthenticatedUser, sessionId: string): Promise<void> {
    await this.sessions.revoke(caller.id, sessionId);
    await this.audit.record({
      action: 'auth.session_revoke',
      target: { type: 'session', id: sessionId },
    });
  }

  async me(userId: string): Promise<UserDto> {
    return toUserDto(await this.requireUser(userId));
  }

  /** Single sign-on: the account with this email, if any. */
  async findAccountByEmail(email: string): Promise<UserDto | null> {
    const user = await this.repo.findUserByEmail(email);
    return user && toUserDto(user);
  }

  /** Single sign-on: the account with this id, if it still exists. */
  async findAccount(id: string): Promise<UserDto | null> {
    const user = await this.repo.findUser(id);
    return user && toUserDto(user);
  }

  /** Single sign-on: a new account with the identity provider's email and name, and no password. */
  async createSsoAccount(email: string, name: string | undefined): Promise<UserDto> {
    const user = await this.repo.createUser({
      id: randomUUID(),
      username: name ?? readableName(),
      email,
      passwordHash: null,
    });
    await this.audit.record({
      action: 'auth.register',
      actor: { type: 'user', id: user.id, label: email },
      target: { type: 'user', id: user.id },
      details: { email, role: user.role, method: 'sso' },
    });
    return toUserDto(user);
  }

  /**
   * A session for someone the identity provider vouched for, the same as `/auth/login` opens: a
   * disabled account is refused here as there.
   */
  async startSession(userId: string): Promise<SessionDto> {
    const user = await this.requireUser(userId);
    if (user.disabledAt) throw new AccountDisabledError();
    await this.audit.record({
      action: 'auth.login',
      actor: { type: 'user', id: user.id, label: user.email ?? user.username },
      target: { type: 'user', id: user.id },
      details: { method: 'sso' },
    });
    return this.signedIn(user);
  }

  /** Public profiles of the given users (team member lists); unknown ids are left out. */
  async profiles(ids: string[]): Promise<UserDto[]> {
    return (await this.repo.findUsers(ids)).map(toUserDto);
  }

  /** A user's profile by id or by email, or undefined when there is none. */
  async findProfile(by: { id: string } | { email: string }): Promise<UserDto | undefined> {
    const user =
      'id' in by ? await this.repo.findUser(by.id) : await this.repo.findUserByEmail(by.email);
    return user ? toUserDto(user) : undefined;
  }

  private async requireUser(id: string): Promise<UserEntity> {
    const user = await this.repo.findUser(id);
    if (!user) throw new UnauthenticatedError('Unknown user');
    return user;
  }

  private async signedIn(user: UserEntity): Promise<SessionDto> {
    return { user: toUserDto(user), token: await this.sessions.open(user.id) };
  }
}
