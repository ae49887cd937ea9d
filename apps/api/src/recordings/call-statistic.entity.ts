import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What survives an expired recording: calls and minutes per day and direction. Nothing personal. */
@Entity('call_statistics')
export class CallStatisticEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_call_statistics' })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_call_statistics' })
  direction: string;

  @Column({ type: 'integer', default: 0 })
  calls: number;

  @Column({ type: 'bigint', default: 0 })
  totalSeconds: string;
}
