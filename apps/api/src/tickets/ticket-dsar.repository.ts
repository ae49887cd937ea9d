import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import { SUMMARY_COLUMNS, TICKET_FROM, type TicketRow } from './ticket-rows';

/** A ticket as its requester's (or a mentioned person's) answer package gives it. */
export interface TicketPackageRow {
  id: string;
  reference: string;
  type: string;
  status: string;
  priority: string;
  category: string | null;
  subject: string;
  description: string;
  requester_id: string;
  contact_phone: string | null;
  equipment_asset_tag: string | null;
  equipment_model: string | null;
  equipment_serial_number: string | null;
  equipment_location: string | null;
  created_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
}

/**
 * Statements data-subject requests run on `tickets`, all for the DPO (who may see every ticket):
 * a subject's tickets for collection, and their scrubbing and closing on erasure.
 */
@Injectable()
export class TicketDsarRepository extends SqlRepository {
  requestedBy(userIds: string[]): Promise<{ id: string; created_at: Date }[]> {
    return this.query('SELECT id, created_at FROM tickets WHERE requester_id = ANY($1)', [userIds]);
  }

  /** Someone else's tickets that give one of these numbers as the number to call. */
  withContactPhoneOfOthers(phones: string[], userIds: string[]): Promise<{ id: string; created_at: Date }[]> {
    return this.query(
      'SELECT id, created_at FROM tickets WHERE contact_phone = ANY($1) AND requester_id <> ALL($2::uuid[])',
      [phones, userIds],
    );
  }

  createdAt(ids: string[]): Promise<{ id: string; created_at: Date }[]> {
    return this.query('SELECT id, created_at FROM tickets WHERE id = ANY($1)', [ids]);
  }

  /** When each was written, for ordering. */
  writtenAt(ids: string[]): Promise<{ id: string; at: Date }[]> {
    return this.query('SELECT id, created_at AS at FROM tickets WHERE id = ANY($1)', [ids]);
  }

  async contactPhonesOf(userIds: string[], tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ contact_phone: string }>(
      'SELECT DISTINCT contact_phone FROM tickets WHERE requester_id = ANY($1) AND contact_phone IS NOT NULL',
      [userIds],
      tx,
    );
    return rows.map((r) => r.contact_phone);
  }

  /** What these users wrote: their tickets' subject and description, and their messages. */
  async writtenBy(userIds: string[], tx?: Tx): Promise<(string | null)[]> {
    const texts = await this.query<{ t: string | null }>(
      `SELECT subject || E'\\n' || description AS t FROM tickets WHERE requester_id = ANY($1)
       UNION ALL SELECT body FROM ticket_messages WHERE author_id = ANY($1)`,
      [userIds],
      tx,
    );
    return texts.map((r) => r.t);
  }

  async idsRequestedBy(userIds: string[], tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      'SELECT id FROM tickets WHERE requester_id = ANY($1)',
      [userIds],
      tx,
    );
    return rows.map((r) => String(r.id));
  }

  async idsWithContactPhone(phones: string[], except: string[], tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      'SELECT id FROM tickets WHERE contact_phone = ANY($1) AND id <> ALL($2::uuid[])',
      [phones, except],
      tx,
    );
    return rows.map((r) => String(r.id));
  }

  texts(tx: Tx, ids: string[]): Promise<{ id: string; subject: string; description: string }[]> {
    return this.query('SELECT id, subject, description FROM tickets WHERE id = ANY($1)', [ids], tx);
  }

  /** New texts; the contact phone goes from the subject's own tickets and wherever it is theirs. */
  async scrub(
    tx: Tx,
    id: string,
    subject: string | null,
    description: string | null,
    ownTickets: string[],
    phones: string[],
  ): Promise<void> {
    await this.query(
      `UPDATE tickets SET subject = $2, description = $3,
                contact_phone = CASE WHEN id = ANY($4::uuid[]) OR contact_phone = ANY($5) THEN NULL ELSE contact_phone END
          WHERE id = $1`,
      [id, subject, description, ownTickets, phones],
      tx,
    );
  }

  async unresolved(tx: Tx | undefined, ids: string[], statuses: string[]): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      'SELECT id FROM tickets WHERE id = ANY($1) AND status = ANY($2) ORDER BY created_at',
      [ids, statuses],
      tx,
    );
    return rows.map((r) => r.id);
  }

  lockUnresolved(tx: Tx, ids: string[], statuses: string[]): Promise<TicketRow[]> {
    return this.query<TicketRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = ANY($1) AND t.status = ANY($2) FOR UPDATE OF t`,
      [ids, statuses],
      tx,
    );
  }

  /** Subject and description as one text. */
  joinedTexts(ids: string[], tx?: Tx): Promise<{ id: string; t: string | null }[]> {
    return this.query(
      `SELECT id, subject || E'\\n' || description AS t FROM tickets WHERE id = ANY($1)`,
      [ids],
      tx,
    );
  }

  async countContactPhones(phones: string[], tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM tickets WHERE contact_phone = ANY($1)',
      [phones],
      tx,
    );
    return n;
  }

  forPackage(ids: string[]): Promise<TicketPackageRow[]> {
    return this.query<TicketPackageRow>(
      `SELECT id, reference, type, status, priority, category, subject, description, requester_id, contact_phone,
              equipment_asset_tag, equipment_model, equipment_serial_number, equipment_location,
              created_at, resolved_at, closed_at
         FROM tickets WHERE id = ANY($1)`,
      [ids],
    );
  }
}
