import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** An attachment's file, as redaction and the identifier index read it. */
export interface AttachmentFileRow {
  id: string;
  ticket_id: string;
  file_name: string;
  content_type: string;
  blob_key: string;
}

/**
 * The statements privacy and retention run on `attachments`: DPO redaction and share-safe
 * copies of a ticket's attachment, the identifier index's rebuild, counting file names, and the
 * removal of an anonymised ticket's files.
 */
@Injectable()
export class AttachmentRedactionRepository extends SqlRepository {
  /** An attachment of this ticket, for redaction. */
  async forRedaction(
    attachmentId: string,
    ticketId: string,
  ): Promise<Pick<AttachmentFileRow, 'blob_key' | 'content_type' | 'file_name'> | undefined> {
    const [row] = await this.query<Pick<AttachmentFileRow, 'blob_key' | 'content_type' | 'file_name'>>(
      'SELECT blob_key, content_type, file_name FROM attachments WHERE id = $1 AND ticket_id = $2',
      [attachmentId, ticketId],
    );
    return row;
  }

  /** An attachment of this ticket, with its uploader (whose own file names show in clear). */
  async forShareSafe(
    attachmentId: string,
    ticketId: string,
  ): Promise<
    | (Pick<AttachmentFileRow, 'blob_key' | 'content_type' | 'file_name'> & { uploaded_by_id: string })
    | undefined
  > {
    const [row] = await this.query<
      Pick<AttachmentFileRow, 'blob_key' | 'content_type' | 'file_name'> & { uploaded_by_id: string }
    >(
      'SELECT blob_key, content_type, file_name, uploaded_by_id FROM attachments WHERE id = $1 AND ticket_id = $2',
      [attachmentId, ticketId],
    );
    return row;
  }

  async replaceFile(
    tx: Tx,
    attachmentId: string,
    file: { blobKey: string; sizeBytes: number; sha256: Buffer },
  ): Promise<void> {
    await this.query(
      'UPDATE attachments SET blob_key = $1, size_bytes = $2, sha256 = $3 WHERE id = $4',
      [file.blobKey, file.sizeBytes, file.sha256, attachmentId],
      tx,
    );
  }

  /** The next batch of attachments after `after`, by id. */
  filesAfter(after: string, batchSize: number): Promise<AttachmentFileRow[]> {
    return this.query<AttachmentFileRow>(
      `SELECT id, ticket_id, file_name, content_type, blob_key FROM attachments
            WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, batchSize],
    );
  }

  /** How many attachments have a value in `column` (a column of the field registry). */
  async countStored(column: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attachments WHERE ${column} IS NOT NULL`,
    );
    return n;
  }

  /** A ticket's attachments go (their files through the outbox, queued first). */
  async removeOfTicket(tx: Tx, ticketId: string): Promise<void> {
    await this.query('DELETE FROM attachments WHERE ticket_id = $1', [ticketId], tx);
  }
}
