import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** An attachment as the answer package of someone it is about gives it. */
export interface AttachmentPackageRow {
  id: string;
  reference: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  blob_key: string;
  uploaded_by_id: string;
  role: string | null;
  created_at: Date;
}

/** An attachment's stored file, for reading its text. */
export interface AttachmentFileRow {
  id: string;
  blob_key: string;
  file_name: string;
  content_type: string;
}

/** Statements data-subject requests run on `attachments`: collection, and erasure. */
@Injectable()
export class AttachmentDsarRepository extends SqlRepository {
  onTicketsOrBy(
    ticketIds: string[],
    userIds: string[],
  ): Promise<{ id: string; ticket_id: string; created_at: Date; uploaded_by_id: string }[]> {
    return this.query(
      `SELECT id, ticket_id, created_at, uploaded_by_id FROM attachments
        WHERE ticket_id = ANY($1) OR merged_from_ticket_id = ANY($1) OR uploaded_by_id = ANY($2)`,
      [ticketIds, userIds],
    );
  }

  /** When each was uploaded, for ordering. */
  writtenAt(ids: string[]): Promise<{ id: string; at: Date }[]> {
    return this.query('SELECT id, created_at AS at FROM attachments WHERE id = ANY($1)', [ids]);
  }

  async idsOnTicketsOrBy(ticketIds: string[], userIds: string[], tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM attachments
        WHERE ticket_id = ANY($1) OR merged_from_ticket_id = ANY($1) OR uploaded_by_id = ANY($2)`,
      [ticketIds, userIds],
      tx,
    );
    return rows.map((r) => String(r.id));
  }

  blobKeys(tx: Tx, ids: string[]): Promise<{ key: string | null }[]> {
    return this.query('SELECT blob_key AS key FROM attachments WHERE id = ANY($1)', [ids], tx);
  }

  async delete(tx: Tx, ids: string[]): Promise<void> {
    await this.query('DELETE FROM attachments WHERE id = ANY($1)', [ids], tx);
  }

  forScrub(tx: Tx, ids: string[]): Promise<(AttachmentFileRow & { ticket_id: string })[]> {
    return this.query(
      'SELECT id, ticket_id, blob_key, content_type, file_name FROM attachments WHERE id = ANY($1)',
      [ids],
      tx,
    );
  }

  async rename(tx: Tx, id: string, fileName: string | null): Promise<void> {
    await this.query('UPDATE attachments SET file_name = $2 WHERE id = $1', [id, fileName], tx);
  }

  async replaceContent(
    tx: Tx,
    id: string,
    blobKey: string,
    sizeBytes: number,
    sha256: Buffer,
  ): Promise<void> {
    await this.query(
      'UPDATE attachments SET blob_key = $2, size_bytes = $3, sha256 = $4 WHERE id = $1',
      [id, blobKey, sizeBytes, sha256],
      tx,
    );
  }

  files(ids: string[], tx?: Tx): Promise<AttachmentFileRow[]> {
    return this.query(
      'SELECT id, blob_key, file_name, content_type FROM attachments WHERE id = ANY($1)',
      [ids],
      tx,
    );
  }

  forPackage(ids: string[]): Promise<AttachmentPackageRow[]> {
    return this.query<AttachmentPackageRow>(
      `SELECT a.id, t.reference, a.file_name, a.content_type, a.size_bytes, a.blob_key, a.uploaded_by_id, u.role,
              a.created_at
         FROM attachments a JOIN tickets t ON t.id = a.ticket_id LEFT JOIN users u ON u.id = a.uploaded_by_id
        WHERE a.id = ANY($1)`,
      [ids],
    );
  }
}
