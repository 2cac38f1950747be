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
import type { ConcurrencySettings } from '@gateway/routing';
import { GatewayEntity } from '../gateways/gateway.entity';

/** A provider account a gateway brings itself (BYOK); replaces the environment's providers for that gateway. */
@Entity('gateway_providers')
@Index('gateway_providers_gateway_id_idx', ['gatewayId', 'createdAt'])
export class ProviderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'gateway_id', type: 'uuid' })
  gatewayId!: string;

  @ManyToOne(() => GatewayEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'gateway_id' })
  gateway?: GatewayEntity;

  /** Provider registry id (`openai`, `anthropic`, `groq`, ...). */
  @Column({ name: 'provider_type', type: 'varchar', length: 64 })
  providerType!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Overrides the registry's default base URL (self-hosted, Azure, proxies). */
  @Column({ name: 'base_url', type: 'text', nullable: true })
  baseUrl!: string | null;

  /** AES-256-GCM under MASTER_KEY. */
  @Column({ name: 'api_key_ciphertext', type: 'text', nullable: true })
  apiKeyCiphertext!: string | null;

  @Column({ name: 'key_last4', type: 'varchar', length: 4, nullable: true })
  keyLast4!: string | null;

  /** Models served; empty means every catalog model of the provider type. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  models!: string[];

  /** Requested model name → model id sent upstream. */
  @Column({ name: 'model_mapping', type: 'jsonb', default: () => "'{}'" })
  modelMapping!: Record<string, string>;

  @Column({ type: 'integer', default: 0 })
  priority!: number;

  @Column({ type: 'integer', default: 1 })
  weight!: number;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'timeout_ms', type: 'integer', nullable: true })
  timeoutMs!: number | null;

  @Column({ name: 'max_retries', type: 'integer', default: 0 })
  maxRetries!: number;

  /** http(s):// or socks5:// proxy URL, encrypted because it may carry credentials. */
  @Column({ name: 'proxy_url_ciphertext', type: 'text', nullable: true })
  proxyUrlCiphertext!: string | null;

  @Column({ type: 'jsonb' })
  concurrency!: ConcurrencySettings;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
