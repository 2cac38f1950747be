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
import { TeamEntity } from '../teams/team.entity';

@Entity('gateways')
@Index('gateways_user_id_idx', ['userId', 'createdAt'])
@Index('gateways_team_id_idx', ['teamId', 'createdAt'])
export class GatewayEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Who created it (recorded with its analytics events); what they may do is their team role. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The owning team. A team with gateways cannot be deleted. */
  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

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
