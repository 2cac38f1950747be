import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ProviderEntity } from '../providers/provider.entity';
import { RoutingSettingsEntity } from './routing-settings.entity';
import type { RoutingSettings } from './routing.types';

/** Reads the providers and settings routing holds in memory; the only write is a gateway's routing settings. */
@Injectable()
export class RoutingRepository {
  constructor(
    @InjectRepository(ProviderEntity) private readonly providers: Repository<ProviderEntity>,
    @InjectRepository(RoutingSettingsEntity)
    private readonly settings: Repository<RoutingSettingsEntity>,
  ) {}

  providersOf(gatewayId?: string): Promise<ProviderEntity[]> {
    return this.providers.find({
      where: gatewayId ? { gatewayId } : {},
      order: { createdAt: 'ASC' },
    });
  }

  settingsOf(gatewayId?: string): Promise<RoutingSettingsEntity[]> {
    return this.settings.find({ where: gatewayId ? { gatewayId } : {} });
  }

  async saveSettings(gatewayId: string, settings: RoutingSettings): Promise<void> {
    await this.settings.upsert({ gatewayId, settings }, ['gatewayId']);
  }
}
