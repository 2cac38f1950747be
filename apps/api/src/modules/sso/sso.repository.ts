import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UserIdentityEntity } from './user-identity.entity';

export interface IdentityLink {
  userId: string;
  issuer: string;
  subject: string;
  email: string | null;
}

@Injectable()
export class SsoRepository {
  constructor(
    @InjectRepository(UserIdentityEntity)
    private readonly identities: Repository<UserIdentityEntity>,
  ) {}

  findBySubject(issuer: string, subject: string): Promise<UserIdentityEntity | null> {
    return this.identities.findOneBy({ issuer, subject });
  }

  findByUserAtIssuer(userId: string, issuer: string): Promise<UserIdentityEntity | null> {
    return this.identities.findOneBy({ userId, issuer });
  }

  /** Links the identity unless a concurrent sign-in already did; returns the user it belongs to. */
  async link(link: IdentityLink, now: Date): Promise<string> {
    await this.identities
      .createQueryBuilder()
      .insert()
      .into(UserIdentityEntity)
      .values({ id: randomUUID(), ...link, lastLoginAt: now })
      .orIgnore()
      .execute();
    const row = await this.findBySubject(link.issuer, link.subject);
    if (!row) throw new Error('identity vanished right after it was linked');
    return row.userId;
  }

  async touch(id: string, email: string | null, now: Date): Promise<void> {
    await this.identities.update({ id }, { email, lastLoginAt: now });
  }
}
