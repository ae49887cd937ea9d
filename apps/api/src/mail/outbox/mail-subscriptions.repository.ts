import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';

export interface SubscriptionRow {
  new_tickets: boolean;
  assigned_tickets: boolean;
}

/** What each member of staff chose to hear of by mail (`mail_subscriptions`); no row means nothing. */
@Injectable()
export class MailSubscriptionsRepository extends SqlRepository {
  async of(userId: string): Promise<SubscriptionRow> {
    const [row] = await this.query<SubscriptionRow>(
      'SELECT new_tickets, assigned_tickets FROM mail_subscriptions WHERE user_id = $1',
      [userId],
    );
    return row ?? { new_tickets: false, assigned_tickets: false };
  }

  async save(userId: string, s: { newTickets: boolean; assignedTickets: boolean }): Promise<SubscriptionRow> {
    const [row] = await this.query<SubscriptionRow>(
      `INSERT INTO mail_subscriptions (user_id, new_tickets, assigned_tickets, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id) DO UPDATE SET new_tickets = EXCLUDED.new_tickets,
              assigned_tickets = EXCLUDED.assigned_tickets, updated_at = now()
       RETURNING new_tickets, assigned_tickets`,
      [userId, s.newTickets, s.assignedTickets],
    );
    return row;
  }
}
