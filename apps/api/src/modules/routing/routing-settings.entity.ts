import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { GatewayEntity } from '../gateways/gateway.entity';
import type { RoutingSettings } from './routing.types';

/** One row per gateway that changed its routing settings; absent rows mean the defaults. */
@Entity('gateway_routing')
export class RoutingSettingsEntity {
  @PrimaryColumn({ name: 'gateway_id', type: 'uuid' })
  gatewayId!: string;

  @OneToOne(() => GatewayEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'gateway_id' })
  gateway?: GatewayEntity;

  @Column({ type: 'jsonb' })
  settings!: RoutingSettings;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
