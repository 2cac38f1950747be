import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { McpServerEntity } from './mcp-server.entity';

@Injectable()
export class McpServersRepository {
  constructor(
    @InjectRepository(McpServerEntity) private readonly servers: Repository<McpServerEntity>,
  ) {}

  create(
    row: Omit<McpServerEntity, 'createdAt' | 'updatedAt' | 'gateway'>,
  ): Promise<McpServerEntity> {
    return this.servers.save(this.servers.create(row));
  }

  all(): Promise<McpServerEntity[]> {
    return this.servers.find({ order: { createdAt: 'ASC' } });
  }

  listForGateway(gatewayId: string): Promise<McpServerEntity[]> {
    return this.servers.find({ where: { gatewayId }, order: { createdAt: 'ASC' } });
  }

  findInGateway(gatewayId: string, id: string): Promise<McpServerEntity | null> {
    return this.servers.findOneBy({ gatewayId, id });
  }

  findByName(gatewayId: string, name: string): Promise<McpServerEntity | null> {
    return this.servers.findOneBy({ gatewayId, name });
  }

  save(entity: McpServerEntity): Promise<McpServerEntity> {
    return this.servers.save(entity);
  }

  async delete(id: string): Promise<void> {
    await this.servers.delete({ id });
  }
}
