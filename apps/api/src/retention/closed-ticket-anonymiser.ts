import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { RedactionService } from '../privacy/redaction.service';

const FORMER_CUSTOMER = 'Former customer';

/**
 * Closed tickets past retention (6 years by default) stay for statistics, but anonymised: their
 * text is scrubbed of every identifier, contact phone and attachments go, and the requester (and
 * any customer who wrote in the thread) becomes the organisation's disabled "Former customer".
 */
@Injectable()
export class ClosedTicketAnonymiser {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redaction: RedactionService,
    private readonly index: IdentifierIndex,
  ) {}

  /** Tickets due, excluding those whose requester has an open data-subject request. */
  private due(cutoff: Date) {
    return `FROM tickets t
             JOIN users ru ON ru.id = t.requester_id
            WHERE t.status = 'closed' AND t.closed_at < '${cutoff.toISOString()}'::timestamptz AND t.anonymised_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM dsar_requests d WHERE d.subject_person_id = ru.person_id AND d.closed_at IS NULL)`;
  }

  async count(cutoff: Date): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n ${this.due(cutoff)}`);
    return n;
  }

  async run(cutoff: Date, batchSize = 100): Promise<{ anonymised: number; ids: string[] }> {
    const done: string[] = [];
    for (;;) {
      const ids = await this.dataSource.transaction(async (manager) => {
        const rows: { id: string; organisation_id: string }[] = await manager.query(
          `SELECT t.id, t.organisation_id ${this.due(cutoff)} ORDER BY t.closed_at LIMIT $1 FOR UPDATE OF t SKIP LOCKED`,
          [batchSize],
        );
        for (const row of rows) await this.anonymise(manager, row.id, row.organisation_id);
        return rows.map((r) => r.id);
      });
      done.push(...ids);
      if (ids.length < batchSize) return { anonymised: done.length, ids: done.slice(0, 1000) };
    }
  }

  private async anonymise(manager: EntityManager, ticketId: string, organisationId: string): Promise<void> {
    const placeholder = await this.formerCustomer(manager, organisationId);
    const [t] = await manager.query('SELECT subject, description FROM tickets WHERE id = $1', [ticketId]);
    const subject = (await this.redaction.scrub(manager, t.subject)).text;
    const description = (await this.redaction.scrub(manager, t.description)).text;
    await manager.query(
      `UPDATE tickets SET subject = $2, description = $3, contact_phone = NULL, anonymised_at = now(),
              requester_id = $4,
              created_by_id = CASE WHEN (SELECT role FROM users WHERE id = created_by_id) = 'customer' THEN $4 ELSE created_by_id END
        WHERE id = $1`,
      [ticketId, subject, description, placeholder],
    );
    await this.index.index(manager, { type: 'ticket', id: ticketId, ticketId }, [subject, description]);
    const messages: { id: string; body: string }[] = await manager.query(
      'SELECT id, body FROM ticket_messages WHERE ticket_id = $1',
      [ticketId],
    );
    for (const m of messages) {
      const body = (await this.redaction.scrub(manager, m.body)).text;
      await manager.query(
        `UPDATE ticket_messages SET body = $2,
                author_id = CASE WHEN (SELECT role FROM users WHERE id = author_id) = 'customer' THEN $3 ELSE author_id END
          WHERE id = $1`,
        [m.id, body, placeholder],
      );
      await this.index.index(manager, { type: 'message', id: m.id, ticketId }, [body]);
    }
    await manager.query(
      `UPDATE ticket_history SET actor_id = $2
        WHERE ticket_id = $1 AND actor_id IN (SELECT id FROM users WHERE role = 'customer')`,
      [ticketId, placeholder],
    );
    // Files may hold anything: they go, through the outbox, with their index entries.
    await manager.query(
      `INSERT INTO blob_deletions (blob_key) SELECT blob_key FROM attachments WHERE ticket_id = $1 ON CONFLICT DO NOTHING`,
      [ticketId],
    );
    await manager.query(
      `DELETE FROM identifier_mentions WHERE source_type = 'attachment'
          AND source_id IN (SELECT id FROM attachments WHERE ticket_id = $1)`,
      [ticketId],
    );
    await manager.query('DELETE FROM attachments WHERE ticket_id = $1', [ticketId]);
  }

  /** The organisation's disabled placeholder account, created the first time it is needed. */
  private async formerCustomer(manager: EntityManager, organisationId: string): Promise<string> {
    await manager.query('SELECT pg_advisory_xact_lock(74198304, hashtext($1))', [organisationId]);
    const [existing] = await manager.query(
      `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id
        WHERE u.organisation_id = $1 AND u.role = 'customer' AND u.disabled_at IS NOT NULL
          AND p.email IS NULL AND p.full_name = $2 LIMIT 1`,
      [organisationId, FORMER_CUSTOMER],
    );
    if (existing) return existing.id;
    const [person] = await manager.query('INSERT INTO people (full_name) VALUES ($1) RETURNING id', [
      FORMER_CUSTOMER,
    ]);
    // No usable password: the hash can never match.
    const [user] = await manager.query(
      `INSERT INTO users (person_id, organisation_id, role, password_hash, disabled_at)
       VALUES ($1, $2, 'customer', '!', now()) RETURNING id`,
      [person.id, organisationId],
    );
    return user.id;
  }
}
