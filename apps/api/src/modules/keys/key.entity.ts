import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { GatewayEntity } from '../gateways/gateway.entity';

export const KEY_PREFIXES = ['sk-', 'sk-ant-', 'gm_', 'gw-'] as const;
export type KeyPrefix = (typeof KEY_PREFIXES)[number];

/** Limits of one key; an absent field is unlimited. */
export interface KeyLimits {
  rpm?: number;
  rph?: number;
  rpd?: number;
  tpm?: number;
  input_tokens_per_day?: number;
  output_tokens_per_day?: number;
  max_tokens_per_request?: number;
  budget_usd_per_day?: number;
  budget_usd_per_month?: number;
}

@Entity('gateway_keys')
@Index('gateway_keys_gateway_id_idx', ['gatewayId', 'createdAt'])
export class KeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'gateway_id', type: 'uuid' })
  gatewayId!: string;

  @ManyToOne(() => GatewayEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'gateway_id' })
  gateway?: GatewayEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  prefix!: KeyPrefix;

  /** SHA-256 of the full key; the key itself is shown once at creation and never stored. */
  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true })
  keyHash!: string;

  @Column({ name: 'key_last4', type: 'varchar', length: 4 })
  keyLast4!: string;

  @Column({ name: 'allowed_models', type: 'jsonb', default: () => "'[]'" })
  allowedModels!: string[];

  @Column({ name: 'allowed_providers', type: 'jsonb', default: () => "'[]'" })
  allowedProviders!: string[];

  /** MCP tool patterns (`server__tool`, `server__*`); empty means every tool. */
  @Column({ name: 'allowed_tools', type: 'jsonb', default: () => "'[]'" })
  allowedTools!: string[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  limits!: KeyLimits;

  @Column({ name: 'system_prompt', type: 'text', nullable: true })
  systemPrompt!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
