import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, type Repository } from 'typeorm';
import { InviteEntity } from './invite.entity';

@Injectable()
export class InvitesRepository {
  constructor(@InjectRepository(InviteEntity) private readonly invites: Repository<InviteEntity>) {}

  create(
    invite: Pick<InviteEntity, 'id' | 'tokenHash' | 'email' | 'role' | 'createdBy' | 'expiresAt'>,
  ): Promise<InviteEntity> {
    return this.invites.save(this.invites.create(invite));
  }

  /** Invites still usable: not used, not revoked, not expired; newest first. */
  listOpen(now: Date): Promise<InviteEntity[]> {
    return this.invites.find({
      where: { usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'DESC' },
    });
  }

  /** Whether an open invite was revoked. */
  async revoke(id: string, now: Date): Promise<boolean> {
    const result = await this.invites.update(
      { id, usedAt: IsNull(), revokedAt: IsNull() },
      {
        revokedAt: now,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Marks an open invite for this email as used, in one statement (two registrations racing for
   * one token: only one gets it); the invite, or null when the token is not usable.
   */
  async claim(tokenHash: string, email: string, now: Date): Promise<InviteEntity | null> {
    const rows = (await this.invites.query(
      `UPDATE "invites" SET "used_at" = $3
        WHERE "token_hash" = $1 AND "used_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > $3
          AND ("email" IS NULL OR "email" = $2)
        RETURNING "id", "role"`,
      [tokenHash, email, now],
    )) as [{ id: string; role: InviteEntity['role'] }[], number];
    const row = rows[0][0];
    return row ? ({ id: row.id, role: row.role } as InviteEntity) : null;
  }

  async setUsedBy(id: string, userId: string): Promise<void> {
    await this.invites.update({ id }, { usedBy: userId });
  }

  /** Gives a claimed invite back (the registration failed after claiming it). */
  async release(id: string): Promise<void> {
    await this.invites.update({ id }, { usedAt: null, usedBy: null });
  }
}
