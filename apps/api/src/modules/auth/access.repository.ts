import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type Repository } from 'typeorm';
import { EnvGrantEntity, type GrantPrincipalType } from './env-grant.entity';
import { UserEntity } from './user.entity';

/** What the in-memory access directory holds: admins, disabled users and env-credential grants. */
export interface AccessRows {
  admins: string[];
  disabled: string[];
  grants: { principalType: GrantPrincipalType; principalId: string }[];
}

@Injectable()
export class AccessRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(EnvGrantEntity) private readonly grants: Repository<EnvGrantEntity>,
  ) {}

  async rows(): Promise<AccessRows> {
    const [flagged, grants] = await Promise.all([
      this.users.find({
        select: { id: true, role: true, disabledAt: true },
        where: [{ role: 'admin' }, { disabledAt: Not(IsNull()) }],
      }),
      this.grants.find({ select: { principalType: true, principalId: true } }),
    ]);
    return {
      admins: flagged.filter((u) => u.role === 'admin').map((u) => u.id),
      disabled: flagged.filter((u) => u.disabledAt !== null).map((u) => u.id),
      grants: grants.map((g) => ({ principalType: g.principalType, principalId: g.principalId })),
    };
  }

  /** Whether a row was added (false: it was there already). */
  async grant(
    principalType: GrantPrincipalType,
    principalId: string,
    grantedBy: string | null,
  ): Promise<boolean> {
    if (await this.grants.existsBy({ principalType, principalId })) return false;
    // Another replica may grant at the same moment: the second insert is a no-op.
    await this.grants
      .createQueryBuilder()
      .insert()
      .values({ principalType, principalId, grantedBy })
      .orIgnore()
      .execute();
    return true;
  }

  /** Whether a row was removed. */
  async revoke(principalType: GrantPrincipalType, principalId: string): Promise<boolean> {
    const result = await this.grants.delete({ principalType, principalId });
    return (result.affected ?? 0) > 0;
  }
}
