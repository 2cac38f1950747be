import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { GatewayEntity } from './gateway.entity';

export interface GatewayAuthRow {
  id: string;
  userId: string;
  secretHash: string;
  logBodies: boolean;
  responsesRetentionDays: number;
}

const AUTH_COLUMNS = {
  id: true,
  userId: true,
  secretHash: true,
  logBodies: true,
  responsesRetentionDays: true,
} as const;

@Injectable()
export class GatewaysRepository {
  constructor(
    @InjectRepository(GatewayEntity) private readonly gateways: Repository<GatewayEntity>,
  ) {}

  create(
    row: Pick<
      GatewayEntity,
      'id' | 'userId' | 'teamId' | 'name' | 'secretHash' | 'secretCiphertext'
    >,
  ): Promise<GatewayEntity> {
    return this.gateways.save(this.gateways.create(row));
  }

  listForTeams(teamIds: string[]): Promise<GatewayEntity[]> {
    if (teamIds.length === 0) return Promise.resolve([]);
    return this.gateways.find({ where: { teamId: In(teamIds) }, order: { createdAt: 'ASC' } });
  }

  listAll(): Promise<GatewayEntity[]> {
    return this.gateways.find({ order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<GatewayEntity | null> {
    return this.gateways.findOneBy({ id });
  }

  async update(
    id: string,
    patch: Partial<
      Pick<
        GatewayEntity,
        | 'name'
        | 'secretHash'
        | 'secretCiphertext'
        | 'logBodies'
        | 'teamId'
        | 'responsesRetentionDays'
      >
    >,
  ): Promise<void> {
    await this.gateways.update({ id }, patch);
  }

  async delete(id: string): Promise<void> {
    await this.gateways.delete({ id });
  }

  /** Everything the proxy needs to authenticate, for the in-memory index. */
  allAuthRows(): Promise<GatewayAuthRow[]> {
    return this.gateways.find({ select: AUTH_COLUMNS });
  }

  /** The same for one gateway (none when it was deleted). */
  authRowOf(id: string): Promise<GatewayAuthRow | null> {
    return this.gateways.findOne({ select: AUTH_COLUMNS, where: { id } });
  }
}
