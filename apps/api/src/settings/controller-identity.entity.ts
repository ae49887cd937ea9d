import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * The controller's identity and its DPO's contact: one row at most (id 1), set by an admin and
 * published in the privacy notice, the record of processing and every DSAR package.
 */
@Entity('controller_identity')
@Check('ck_controller_identity_single_row', '"id" = 1')
export class ControllerIdentityEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_controller_identity' })
  id: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'text', nullable: true })
  dpoName: string | null;

  @Column({ type: 'text' })
  dpoEmail: string;

  @Column({ type: 'text', nullable: true })
  dpoPhone: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_controller_identity_updated_by' })
  updatedBy?: UserEntity;
}
