import { Injectable } from '@nestjs/common';
import type { IdentifierKind } from '@hushdesk/privacy';
import { SqlParams } from '../database/sql-params';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** `email`: an imported mail's own text (sender's name, To/Cc, quoted history, signature; id = email_messages.id). */
export type SourceType = 'ticket' | 'message' | 'attachment' | 'recording' | 'email' | 'person';

/** An index entry's source, as lookups return it. */
export interface MentionRow {
  source_type: SourceType;
  source_id: string;
  ticket_id: string | null;
  kind: IdentifierKind;
}

/** A source written by the same statement that indexes it: its id and ticket as SQL expressions. */
export interface NewTextSource {
  type: SourceType;
  /** The row source the ids come from, e.g. a CTE `t` of an INSERT … RETURNING. */
  from: string;
  idSql: string;
  ticketIdSql: string;
}

/** The identifier index (`identifier_mentions`): keyed hashes of identifiers, by the text they are in. */
@Injectable()
export class IdentifierMentionsRepository extends SqlRepository {
  /** Removes every entry of one source. */
  async removeSource(tx: Tx, type: SourceType, id: string): Promise<void> {
    await this.query(
      'DELETE FROM identifier_mentions WHERE source_type = $1 AND source_id = $2',
      [type, id],
      tx,
    );
  }

  /** Adds one source's entries. */
  async insertSource(
    tx: Tx,
    source: { type: SourceType; id: string; ticketId: string | null },
    kinds: string[],
    hashes: Buffer[],
  ): Promise<void> {
    // Arrays, not a VALUES list: a long text file's entries never reach the parameter limit.
    await this.query(
      `INSERT INTO identifier_mentions (kind, hash, source_type, source_id, ticket_id)
       SELECT e.kind, e.hash, $3, $4, $5 FROM unnest($1::text[], $2::bytea[]) AS e(kind, hash)`,
      [kinds, hashes, source.type, source.id, source.ticketId],
      tx,
    );
  }

  async removePerson(tx: Tx, personId: string): Promise<void> {
    await this.query(
      "DELETE FROM identifier_mentions WHERE source_type = 'person' AND source_id = $1",
      [personId],
      tx,
    );
  }

  /** A person's own identifiers, as a `person` source. */
  async insertPerson(tx: Tx, personId: string, entries: [IdentifierKind, Buffer][]): Promise<void> {
    const p = new SqlParams();
    const values = entries.map(
      ([kind, hash]) => `(${p.add(kind)}, ${p.add(hash)}, 'person', ${p.add(personId)})`,
    );
    await this.query(
      `INSERT INTO identifier_mentions (kind, hash, source_type, source_id) VALUES ${values.join(', ')}`,
      p.values,
      tx,
    );
  }

  /** Sources with any of these hashes, each with the kind of identifier matched. */
  byHashes(hashes: Buffer[]): Promise<MentionRow[]> {
    return this.query<MentionRow>(
      `SELECT DISTINCT source_type, source_id, ticket_id, kind FROM identifier_mentions WHERE hash = ANY($1)`,
      [hashes],
    );
  }

  /** Sources with any of these digit-tail hashes. */
  byDigitTails(hashes: Buffer[], tx?: Tx): Promise<Omit<MentionRow, 'kind'>[]> {
    return this.query<Omit<MentionRow, 'kind'>>(
      `SELECT DISTINCT source_type, source_id, ticket_id FROM identifier_mentions
          WHERE hash = ANY($1) AND kind = 'digits'`,
      [hashes],
      tx,
    );
  }

  /**
   * SQL that indexes a source written earlier in the same statement (a CTE): the given entries,
   * and a name entry for each of `nameKeys` that is a known person's name key. That entry's hash
   * is the person's own name entry's (`indexPerson` hashes the same normalised name), so names
   * need no hashing by the caller. The text is the same whatever the entries (arrays as
   * parameters), so it can be prepared.
   */
  insertNewSourceSql(
    source: NewTextSource,
    entries: { kinds: string[]; hashes: Buffer[]; nameKeys: string[] },
    add: (value: unknown) => string,
  ): string {
    const type = `${add(source.type)}::text`;
    return `INSERT INTO identifier_mentions (kind, hash, source_type, source_id, ticket_id)
      SELECT c.kind, c.hash, ${type}, ${source.idSql}, ${source.ticketIdSql}
        FROM ${source.from}, unnest(${add(entries.kinds)}::text[], ${add(entries.hashes)}::bytea[]) AS c(kind, hash)
      UNION
      SELECT 'name', pm.hash, ${type}, ${source.idSql}, ${source.ticketIdSql}
        FROM ${source.from}, people p
        JOIN identifier_mentions pm ON pm.source_type = 'person' AND pm.source_id = p.id AND pm.kind = 'name'
       WHERE p.name_key = ANY(${add(entries.nameKeys)}::text[])`;
  }

  /** Entries of the attachments of a ticket (before the attachments go). */
  async removeTicketAttachments(tx: Tx, ticketId: string): Promise<void> {
    await this.query(
      `DELETE FROM identifier_mentions WHERE source_type = 'attachment'
          AND source_id IN (SELECT id FROM attachments WHERE ticket_id = $1)`,
      [ticketId],
      tx,
    );
  }
}
