import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  JoinColumn,
  PrimaryColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity';

/** A user's account at an OpenID Connect provider: the (issuer, subject) pair signs them in. */
@Entity('user_identities')
@Index('user_identities_issuer_subject_key', ['issuer', 'subject'], { unique: true })
export class UserIdentityEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('user_identities_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 512 })
  issuer!: string;

  /** The ID token's `sub`: stable per user at the issuer (at most 255 ASCII characters by the spec). */
  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  /** The email the provider last gave, for the operator's eyes; sign-in never matches on it. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz' })
  lastLoginAt!: Date;
}
