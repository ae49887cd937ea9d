import { Injectable } from '@nestjs/common';
import type { TicketGroupDto } from './dto/ticket-group.dto';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** Every statement on `ticket_groups`, the queues tickets are routed to. */
@Injectable()
export class GroupsRepository extends SqlRepository {
  list(): Promise<TicketGroupDto[]> {
    return this.query<TicketGroupDto>('SELECT id, name FROM ticket_groups ORDER BY name');
  }

  async exists(id: string, tx?: Tx): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM ticket_groups WHERE id = $1', [id], tx);
    return rows.length > 0;
  }
}
