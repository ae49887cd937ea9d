import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { TicketGroupEntity } from './ticket-group.entity';

/**
 * An engineer or admin who works a group's queue: they are warned about its tickets' SLA clocks.
 * Goes with the group or the account.
 */
@Entity('ticket_group_members')
@Index('ix_ticket_group_members_user', ['userId'])
export class TicketGroupMemberEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ticket_group_members' })
  groupId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_ticket_group_members' })
  userId: string;

  @ManyToOne(() => TicketGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_ticket_group_members_group' })
  group?: TicketGroupEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_ticket_group_members_user' })
  user?: UserEntity;
}
