import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TicketEntity } from '../../tickets/ticket.entity';

/**
 * Every inbound mail seen, whatever became of it, by a keyed hash of its Message-ID (or of its
 * bytes when it has none): the same mail is imported once across re-polls, restarts and crashes,
 * and an erased mail is not imported again. Holds nothing that identifies anyone.
 */
@Entity('mail_receipts')
@Check(
  'ck_mail_receipts_outcome',
  `"outcome" IN ('ticket', 'reply', 'auto_reply', 'bounce', 'own_mail', 'rejected')`,
)
export class MailReceiptEntity {
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'pk_mail_receipts' })
  messageKey: Buffer;

  @Column({ type: 'varchar', length: 20 })
  outcome: 'ticket' | 'reply' | 'auto_reply' | 'bounce' | 'own_mail' | 'rejected';

  @Column({ type: 'uuid', nullable: true })
  ticketId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_mail_receipts_ticket' })
  ticket?: TicketEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
