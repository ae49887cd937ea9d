import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Tickets per status, kept by statement triggers on `tickets` in the same transaction as every
 * write, so the queue's counts are a read of a few rows. Each status is spread over shards (a
 * connection writes the shard of its backend id), so concurrent writers seldom wait on one row.
 */
@Entity('ticket_status_counts')
export class TicketStatusCountEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'pk_ticket_status_counts' })
  status: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_ticket_status_counts' })
  shard: number;

  @Column({ type: 'bigint', default: 0 })
  n: string;
}
