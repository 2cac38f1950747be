import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CreateInviteBody, CreatedInvite, Invite } from '@gateway/contracts';
import { AUDIT_TRAIL, type AuditTrail } from '../../common/audit-trail';
import { NotFoundError } from '../../common/domain-errors';
import { generateSecret, sha256Hex } from '../../common/secrets';
import { isUuid } from '../../common/uuid';
import type { InviteEntity } from './invite.entity';
import { InvitesRepository } from './invites.repository';

function toDto(i: InviteEntity): Invite {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    created_at: i.createdAt.toISOString(),
    expires_at: i.expiresAt.toISOString(),
  };
}

/** Invitations for SIGNUP_MODE=invite: a one-use token (shown once, stored hashed) with an expiry. */
@Injectable()
export class InvitesService {
  constructor(
    private readonly repo: InvitesRepository,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async create(createdBy: string, dto: CreateInviteBody): Promise<CreatedInvite> {
    const token = generateSecret('inv-');
    const invite = await this.repo.create({
      id: randomUUID(),
      tokenHash: sha256Hex(token),
      email: dto.email ?? null,
      role: dto.role,
      createdBy,
      expiresAt: new Date(Date.now() + dto.expires_in_hours * 3_600_000),
    });
    await this.audit.record({
      action: 'invite.create',
      target: { type: 'invite', id: invite.id },
      details: {
        email: invite.email,
        role: invite.role,
        expires_at: invite.expiresAt.toISOString(),
      },
    });
    return { id: invite.id, token, expires_at: invite.expiresAt.toISOString() };
  }

  async list(): Promise<{ invites: Invite[] }> {
    return { invites: (await this.repo.listOpen(new Date())).map(toDto) };
  }

  async revoke(id: string): Promise<void> {
    if (!isUuid(id) || !(await this.repo.revoke(id, new Date()))) throw new NotFoundError('Invite');
    await this.audit.record({ action: 'invite.revoke', target: { type: 'invite', id } });
  }

  /** Claims a token for this email; null when it is unknown, used, revoked, expired or for someone else. */
  claim(token: string, email: string): Promise<InviteEntity | null> {
    return this.repo.claim(sha256Hex(token), email, new Date());
  }

  setUsedBy(id: string, userId: string): Promise<void> {
    return this.repo.setUsedBy(id, userId);
  }

  release(id: string): Promise<void> {
    return this.repo.release(id);
  }
}
