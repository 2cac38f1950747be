import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Durable counters: what each subject (key, end user, gateway, team) used of a token quota or budget
 * in one UTC day or month. Replicas add their settled usage in batches (`used = used + delta`), so
 * the row is exact across replicas; Redis (or memory) holds the live copy admission reads.
 */
@Entity('limit_usage')
@Index('limit_usage_period_idx', ['period'])
export class LimitUsageEntity {
  @PrimaryColumn({ name: 'subject_kind', type: 'varchar', length: 16 })
  subjectKind!: string;

  @PrimaryColumn({ name: 'subject_id', type: 'varchar', length: 200 })
  subjectId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  counter!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  period!: string;

  /** Requests' tokens, or nano-USD for budgets. */
  @Column({ type: 'bigint', default: 0 })
  used!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * The last batch each replica (one id per process) added to `limit_usage`, written in the same
 * transaction: a batch retried after an ambiguous commit is recognised and never counted twice.
 */
@Entity('spend_flushes')
export class SpendFlushEntity {
  @PrimaryColumn({ name: 'replica_id', type: 'uuid' })
  replicaId!: string;

  @Column({ name: 'batch_seq', type: 'bigint' })
  batchSeq!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
