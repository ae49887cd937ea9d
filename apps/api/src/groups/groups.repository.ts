import { Injectable } from '@nestjs/common';
import type { TicketGroup } from '@hushdesk/contracts';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** Every statement on `ticket_groups`, the queues tickets are routed to. */
@Injectable()
export class GroupsRepository extends SqlRepository {
  list(): Promise<TicketGroup[]> {
    return this.query<TicketGroup>('SELECT id, name FROM ticket_groups ORDER BY name');
  }

  async exists(id: string, tx?: Tx): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM ticket_groups WHERE id = $1', [id], tx);
    return rows.length > 0;
  }
}
