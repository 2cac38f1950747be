import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { GatewayLimits } from '@gateway/contracts';
import { GatewayLimitsEntity } from './gateway-limits.entity';

@Injectable()
export class GatewayLimitsRepository {
  constructor(
    @InjectRepository(GatewayLimitsEntity)
    private readonly rows: Repository<GatewayLimitsEntity>,
  ) {}

  /** One gateway's row, or every row (the in-memory directory's full reload). */
  find(gatewayId?: string): Promise<GatewayLimitsEntity[]> {
    return this.rows.find({ where: gatewayId ? { gatewayId } : {} });
  }

  async save(gatewayId: string, limits: GatewayLimits): Promise<void> {
    await this.rows.upsert({ gatewayId, limits }, ['gatewayId']);
  }
}
