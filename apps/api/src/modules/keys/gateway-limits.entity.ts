import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { GatewayLimits } from '@gateway/contracts';
import { GatewayEntity } from '../gateways/gateway.entity';

/** One row per gateway with limits on its end users or on itself; absent rows mean none. */
@Entity('gateway_limits')
export class GatewayLimitsEntity {
  @PrimaryColumn({ name: 'gateway_id', type: 'uuid' })
  gatewayId!: string;

  @OneToOne(() => GatewayEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'gateway_id' })
  gateway?: GatewayEntity;

  @Column({ type: 'jsonb' })
  limits!: GatewayLimits;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
