import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../../users/user.entity';

/** What a member of staff chose to hear of by mail; no row means nothing. */
@Entity('mail_subscriptions')
export class MailSubscriptionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_mail_subscriptions' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_mail_subscriptions_user' })
  user?: UserEntity;

  @Column({ type: 'boolean', default: false })
  newTickets: boolean;

  @Column({ type: 'boolean', default: false })
  assignedTickets: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
