import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { UserRole } from '@gateway/contracts';
import type { AuditActor } from '../../common/audit-trail';
import { UnauthenticatedError } from '../../common/domain-errors';
import { sha256Hex } from '../../common/secrets';
import { isUuid } from '../../common/uuid';
import type { AccessConfig, AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AccountDisabledError, LoginRequiredError } from './auth.errors';
import { AuthRepository } from './auth.repository';
import { OPERATOR_USER_ID, OPERATOR_USERNAME } from './operator';
import { SessionsService } from './sessions.service';
import type { UserEntity } from './user.entity';

/** The caller of a management request. */
export interface AuthenticatedUser {
  id: string;
  role: UserRole;
  /** How the caller proved who they are. */
  via: 'session' | 'user_id' | 'admin_key';
  /** The session used, when `via` is `session`. */
  sessionId?: string;
  /** What the audit log shows: email, else username. */
  label: string;
}

export function isAdmin(user: Pick<AuthenticatedUser, 'role'>): boolean {
  return user.role === 'admin';
}

export function toActor(user: AuthenticatedUser): AuditActor {
  return user.via === 'admin_key'
    ? { type: 'admin_key', id: user.id, label: 'ADMIN_API_KEY' }
    : { type: 'user', id: user.id, label: user.label };
}

/**
 * Who is calling the management API: the operator's ADMIN_API_KEY, a session token (both as
 * `Authorization: Bearer`), or `x-user-id` — only for anonymous users in SIGNUP_MODE=open, the
 * original API; an account with a password must log in.
 */
@Injectable()
export class Authenticator {
  private readonly access: AccessConfig;
  private readonly adminKeyHash?: Buffer;

  constructor(
    private readonly repo: AuthRepository,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.access = config.access;
    if (config.access.adminApiKey) {
      this.adminKeyHash = Buffer.from(sha256Hex(config.access.adminApiKey), 'hex');
    }
  }

  async authenticate(creds: {
    bearer?: string;
    /** The bearer came in the query string: sessions only, the admin key never (URLs get logged). */
    bearerInQuery?: boolean;
    userId?: string;
  }): Promise<AuthenticatedUser> {
    if (creds.bearer) {
      if (!creds.bearerInQuery && this.isAdminKey(creds.bearer)) {
        return { id: OPERATOR_USER_ID, role: 'admin', via: 'admin_key', label: OPERATOR_USERNAME };
      }
      const session = await this.sessions.resolve(creds.bearer);
      const user = await this.liveUser(session.userId);
      return { ...this.caller(user), via: 'session', sessionId: session.id };
    }
    if (creds.userId) return this.byUserId(creds.userId);
    throw new UnauthenticatedError(
      'Missing credentials: send Authorization: Bearer <session token> (or x-user-id for an anonymous user)',
    );
  }

  private async byUserId(userId: string): Promise<AuthenticatedUser> {
    if (!isUuid(userId)) throw new UnauthenticatedError('x-user-id must be a user id');
    const user = await this.repo.findUser(userId);
    if (!user) throw new UnauthenticatedError('Unknown user: call POST /auth/join first');
    // A registered account (a password, or an email from single sign-on) must prove who it is.
    if (user.passwordHash || user.email || user.role === 'admin' || user.id === OPERATOR_USER_ID) {
      throw new LoginRequiredError(
        'This account is registered: log in (POST /auth/login or single sign-on) and send Authorization: Bearer <session token>; x-user-id alone no longer works for it',
      );
    }
    if (this.access.signupMode !== 'open') {
      throw new LoginRequiredError(
        `x-user-id is accepted only with SIGNUP_MODE=open (this server runs ${this.access.signupMode}): log in with an account`,
      );
    }
    if (user.disabledAt) throw new AccountDisabledError();
    return { ...this.caller(user), via: 'user_id' };
  }

  private async liveUser(id: string): Promise<UserEntity> {
    const user = await this.repo.findUser(id);
    if (!user) throw new UnauthenticatedError('Session expired or invalid: log in again');
    if (user.disabledAt) throw new AccountDisabledError();
    return user;
  }

  private caller(user: UserEntity): Omit<AuthenticatedUser, 'via'> {
    return { id: user.id, role: user.role, label: user.email ?? user.username };
  }

  private isAdminKey(bearer: string): boolean {
    if (!this.adminKeyHash) return false;
    return timingSafeEqual(Buffer.from(sha256Hex(bearer), 'hex'), this.adminKeyHash);
  }
}
