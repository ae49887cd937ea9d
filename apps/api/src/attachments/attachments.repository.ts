import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface AttachmentRow {
  id: string;
  ticket_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  uploaded_by_id: string;
  uploader_name: string | null;
  uploader_role: Role;
  blob_key: string;
  created_at: Date;
}

const SELECT = `
  SELECT a.id, a.ticket_id, a.file_name, a.content_type, a.size_bytes, a.uploaded_by_id,
         p.full_name AS uploader_name, u.role AS uploader_role, a.blob_key, a.created_at
    FROM attachments a JOIN users u ON u.id = a.uploaded_by_id JOIN people p ON p.id = u.person_id`;

/**
 * Every statement on `attachments`. Callers first check the ticket is theirs to see
 * (TicketsService): an attachment is readable by whoever can read its ticket.
 */
@Injectable()
export class AttachmentsRepository extends SqlRepository {
  listForTicket(ticketId: string): Promise<AttachmentRow[]> {
    return this.query<AttachmentRow>(`${SELECT} WHERE a.ticket_id = $1 ORDER BY a.created_at`, [ticketId]);
  }

  async findOnTicket(ticketId: string, id: string): Promise<AttachmentRow | undefined> {
    const [row] = await this.query<AttachmentRow>(`${SELECT} WHERE a.id = $1 AND a.ticket_id = $2`, [
      id,
      ticketId,
    ]);
    return row;
  }

  async findById(id: string, tx?: Tx): Promise<AttachmentRow> {
    const [row] = await this.query<AttachmentRow>(`${SELECT} WHERE a.id = $1`, [id], tx);
    return row;
  }

  async insert(
    tx: Tx,
    input: {
      ticketId: string;
      uploadedById: string;
      fileName: string;
      contentType: string;
      sizeBytes: number;
      blobKey: string;
      sha256: Buffer;
    },
  ): Promise<string> {
    const [{ id }] = await this.query<{ id: string }>(
      `INSERT INTO attachments (ticket_id, uploaded_by_id, file_name, content_type, size_bytes, blob_key, sha256)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        input.ticketId,
        input.uploadedById,
        input.fileName,
        input.contentType,
        input.sizeBytes,
        input.blobKey,
        input.sha256,
      ],
      tx,
    );
    return id;
  }
}
