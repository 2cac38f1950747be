import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GatewayEntity } from '../gateways/gateway.entity';

/**
 * One Responses API answer kept for `previous_response_id`, `GET /v1/responses/{id}` and its input
 * items. Keyed by gateway and id, so an id is only ever visible to the gateway that created it. The
 * two JSON documents are stored gzip-compressed (see `response-codec.ts`).
 */
@Entity('responses')
@Index('responses_expires_at_idx', ['expiresAt'])
export class StoredResponseEntity {
  @PrimaryColumn({ name: 'gateway_id', type: 'uuid' })
  gatewayId!: string;

  @ManyToOne(() => GatewayEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'gateway_id' })
  gateway?: GatewayEntity;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  /** The gateway key that created it (audit only: every key of the gateway may read it). */
  @Column({ name: 'key_id', type: 'uuid', nullable: true })
  keyId!: string | null;

  @Column({ name: 'previous_response_id', type: 'varchar', length: 128, nullable: true })
  previousResponseId!: string | null;

  @Column({ type: 'varchar', length: 256 })
  model!: string;

  @Column({ type: 'varchar', length: 32 })
  status!: string;

  /** The response object as the client received it, gzip JSON. */
  @Column({ type: 'bytea' })
  response!: Buffer;

  /** The request's own input items (not the replayed history), gzip JSON array. */
  @Column({ name: 'input_items', type: 'bytea' })
  inputItems!: Buffer;

  /** Both documents' JSON size before compression. */
  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** created_at + the gateway's `responses_retention_days`; later rows are invisible, then purged. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
