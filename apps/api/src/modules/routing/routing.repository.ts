import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { KeyEntity } from '../keys/key.entity';
import { ProviderEntity } from '../providers/provider.entity';
import { RoutingSettingsEntity } from './routing-settings.entity';
import type { RoutingSettings } from './routing.types';

/** Reads everything routing holds in memory; the only write is a gateway's routing settings. */
@Injectable()
export class RoutingRepository {
  constructor(
    @InjectRepository(ProviderEntity) private readonly providers: Repository<ProviderEntity>,
    @InjectRepository(KeyEntity) private readonly keys: Repository<KeyEntity>,
    @InjectRepository(RoutingSettingsEntity)
    private readonly settings: Repository<RoutingSettingsEntity>,
  ) {}

  providersOf(gatewayId?: string): Promise<ProviderEntity[]> {
    return this.providers.find({
      where: gatewayId ? { gatewayId } : {},
      order: { createdAt: 'ASC' },
    });
  }

  keysOf(gatewayId?: string): Promise<KeyEntity[]> {
    return this.keys.find({ where: gatewayId ? { gatewayId } : {} });
  }

  settingsOf(gatewayId?: string): Promise<RoutingSettingsEntity[]> {
    return this.settings.find({ where: gatewayId ? { gatewayId } : {} });
  }

  async saveSettings(gatewayId: string, settings: RoutingSettings): Promise<void> {
    await this.settings.upsert({ gatewayId, settings }, ['gatewayId']);
  }
}
