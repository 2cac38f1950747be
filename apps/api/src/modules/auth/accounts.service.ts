import { Inject, Injectable } from '@nestjs/common';
import type { AdminUser, CreateUserBody, EnvGrant, UpdateUserBody } from '@gateway/contracts';
import { AUDIT_TRAIL, changedFields, type AuditTrail } from '../../common/audit-trail';
import { InvalidRequestError, NotFoundError } from '../../common/domain-errors';
import { isUuid } from '../../common/uuid';
import { GatewayEvents } from '../events/gateway-events';
import { AccessDirectory } from './access-directory';
import { AccessRepository } from './access.repository';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticator';
import { OPERATOR_USER_ID } from './operator';
import { SessionsService } from './sessions.service';
import type { UserEntity } from './user.entity';

/** The operator's side of accounts: create, list, disable, change roles, grant env credentials. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly access: AccessRepository,
    private readonly directory: AccessDirectory,
    private readonly events: GatewayEvents,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async create(dto: CreateUserBody): Promise<AdminUser> {
    const user = await this.auth.createAccount(dto, dto.role);
    await this.audit.record({
      action: 'user.create',
      target: { type: 'user', id: user.id },
      details: { email: user.email, role: user.role },
    });
    return this.toDto(user);
  }

  async list(q?: string): Promise<{ users: AdminUser[] }> {
    return { users: (await this.repo.listUsers(q)).map((u) => this.toDto(u)) };
  }

  /** Users by id, for the admin's gateway list (owner names). */
  async byIds(ids: string[]): Promise<Map<string, UserEntity>> {
    return new Map((await this.repo.findUsers(ids)).map((u) => [u.id, u]));
  }

  /**
   * Disables (every session ends, x-user-id stops working, the user's gateways stop serving) or
   * re-enables a user, or changes the role. Callers cannot lock themselves out.
   */
  async update(caller: AuthenticatedUser, id: string, dto: UpdateUserBody): Promise<AdminUser> {
    const user = await this.require(id);
    if (user.id === OPERATOR_USER_ID) {
      throw new InvalidRequestError('The operator (ADMIN_API_KEY) cannot be changed');
    }
    if (user.id === caller.id && (dto.disabled === true || dto.role === 'user')) {
      throw new InvalidRequestError('You cannot disable yourself or drop your own admin role');
    }
    const old = { role: user.role, disabled: user.disabledAt !== null };
    const patch: Partial<Pick<UserEntity, 'role' | 'disabledAt'>> = {};
    if (dto.role !== undefined) patch.role = dto.role;
    if (dto.disabled !== undefined && dto.disabled !== old.disabled) {
      patch.disabledAt = dto.disabled ? new Date() : null;
    }
    await this.repo.updateUser(user.id, patch);
    if (dto.disabled) await this.sessions.revokeAll(user.id);
    await this.events.emit({ kind: 'access' });
    const next = { ...user, ...patch };
    await this.audit.record({
      action: 'user.update',
      target: { type: 'user', id: user.id },
      details: {
        email: user.email,
        ...changedFields(old, { role: next.role, disabled: next.disabledAt !== null }),
      },
    });
    return this.toDto(next);
  }

  /** Lets the user's gateways use the environment's provider credentials (ENV_PROVIDERS=granted). */
  async grantEnv(caller: AuthenticatedUser, id: string): Promise<EnvGrant> {
    const user = await this.require(id);
    if (await this.access.grant('user', user.id, caller.id)) {
      await this.events.emit({ kind: 'access' });
      await this.audit.record({
        action: 'env_grant.grant',
        target: { type: 'user', id: user.id },
        details: { email: user.email ?? user.username },
      });
    }
    return { principal_type: 'user', principal_id: user.id, granted: true };
  }

  async revokeEnv(id: string): Promise<EnvGrant> {
    const user = await this.require(id);
    if (await this.access.revoke('user', user.id)) {
      await this.events.emit({ kind: 'access' });
      await this.audit.record({
        action: 'env_grant.revoke',
        target: { type: 'user', id: user.id },
      });
    }
    return { principal_type: 'user', principal_id: user.id, granted: false };
  }

  private async require(id: string): Promise<UserEntity> {
    const user = isUuid(id) ? await this.repo.findUser(id) : null;
    if (!user) throw new NotFoundError('User');
    return user;
  }

  private toDto(u: UserEntity): AdminUser {
    return {
      id: u.id,
      username: u.username,
      email: u.email,
      role: u.role,
      disabled_at: u.disabledAt ? u.disabledAt.toISOString() : null,
      env_granted: this.directory.hasGrant('user', u.id),
      operator: u.id === OPERATOR_USER_ID,
      created_at: u.createdAt.toISOString(),
    };
  }
}
