import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { KeyEntity } from './key.entity';

@Injectable()
export class KeysRepository {
  constructor(@InjectRepository(KeyEntity) private readonly keys: Repository<KeyEntity>) {}

  create(row: Omit<KeyEntity, 'createdAt' | 'updatedAt' | 'gateway'>): Promise<KeyEntity> {
    return this.keys.save(this.keys.create(row));
  }

  /** Every key of every gateway (the in-memory directory's full reload). */
  all(): Promise<KeyEntity[]> {
    return this.keys.find();
  }

  listForGateway(gatewayId: string): Promise<KeyEntity[]> {
    return this.keys.find({ where: { gatewayId }, order: { createdAt: 'ASC' } });
  }

  findInGateway(gatewayId: string, id: string): Promise<KeyEntity | null> {
    return this.keys.findOneBy({ gatewayId, id });
  }

  save(entity: KeyEntity): Promise<KeyEntity> {
    return this.keys.save(entity);
  }

  async delete(id: string): Promise<void> {
    await this.keys.delete({ id });
  }
}
