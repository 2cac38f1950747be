import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Who may be granted: a user today; a team owns gateways once teams exist. */
export type GrantPrincipalType = 'user' | 'team';

/**
 * A principal whose gateways may use the environment's provider credentials under
 * ENV_PROVIDERS=granted (admins and the operator need no row: they are always granted).
 */
@Entity('env_grants')
export class EnvGrantEntity {
  @PrimaryColumn({ name: 'principal_type', type: 'varchar', length: 16 })
  principalType!: GrantPrincipalType;

  @PrimaryColumn({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
