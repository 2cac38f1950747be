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

/** An MCP server a gateway fronts: its tools are offered at the gateway's `/mcp` endpoint. */
@Entity('mcp_servers')
@Index('mcp_servers_gateway_name_idx', ['gatewayId', 'name'], { unique: true })
export class McpServerEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'gateway_id', type: 'uuid' })
  gatewayId!: string;

  @ManyToOne(() => GatewayEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'gateway_id' })
  gateway?: GatewayEntity;

  /** Slug that prefixes the server's tools (`<name>__<tool>`). */
  @Column({ type: 'varchar', length: 32 })
  name!: string;

  /** `http` (streamable HTTP) or `stdio` (a local command, only when MCP_STDIO_ALLOWED). */
  @Column({ type: 'varchar', length: 16 })
  transport!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'text', nullable: true })
  command!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  args!: string[];

  /** JSON object of header name → value (credentials included), AES-256-GCM under ENCRYPTION_KEY. */
  @Column({ name: 'headers_ciphertext', type: 'text', nullable: true })
  headersCiphertext!: string | null;

  /** The names of those headers, shown back instead of their values. */
  @Column({ name: 'header_names', type: 'jsonb', default: () => "'[]'" })
  headerNames!: string[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'timeout_ms', type: 'integer', nullable: true })
  timeoutMs!: number | null;

  /** What one tool call costs (USD), for analytics and budgets; null = unknown. */
  @Column({ name: 'price_per_call_usd', type: 'double precision', nullable: true })
  pricePerCallUsd!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
