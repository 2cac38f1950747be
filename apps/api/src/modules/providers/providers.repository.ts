import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ProviderEntity } from './provider.entity';

@Injectable()
export class ProvidersRepository {
  constructor(
    @InjectRepository(ProviderEntity) private readonly providers: Repository<ProviderEntity>,
  ) {}

  create(
    row: Omit<ProviderEntity, 'createdAt' | 'updatedAt' | 'gateway'>,
  ): Promise<ProviderEntity> {
    return this.providers.save(this.providers.create(row));
  }

  listForGateway(gatewayId: string): Promise<ProviderEntity[]> {
    return this.providers.find({ where: { gatewayId }, order: { createdAt: 'ASC' } });
  }

  findInGateway(gatewayId: string, id: string): Promise<ProviderEntity | null> {
    return this.providers.findOneBy({ gatewayId, id });
  }

  save(entity: ProviderEntity): Promise<ProviderEntity> {
    return this.providers.save(entity);
  }

  async delete(id: string): Promise<void> {
    await this.providers.delete({ id });
  }
}
