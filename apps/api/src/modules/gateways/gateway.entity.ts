import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('gateways')
@Index('gateways_user_id_idx', ['userId', 'createdAt'])
export class GatewayEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** SHA-256 of the secret: what requests are authenticated against. */
  @Column({ name: 'secret_hash', type: 'char', length: 64, unique: true })
  secretHash!: string;

  /** AES-256-GCM under MASTER_KEY, only to show the secret again on /credentials. */
  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext!: string;

  /** Store request and response bodies (size-capped) with each analytics event. Off by default. */
  @Column({ name: 'log_bodies', type: 'boolean', default: false })
  logBodies!: boolean;

  /** How long Responses API answers are kept for `previous_response_id` and retrieval; 0 keeps none. */
  @Column({ name: 'responses_retention_days', type: 'integer', default: 30 })
  responsesRetentionDays!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
