import type {
  BulkChangeRequest,
  CreateMessageRequest,
  CreateTicketRequest,
  SaveReplyDraftRequest,
  SendDraftRequest,
  TicketQuery,
  UpdateTicketRequest,
} from '@hushdesk/api-client';
import { apiUrl, client, dataOf } from '../../../lib/api-client';

export const ticketsApi = {
  list: (query: TicketQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/tickets', { params: { query }, signal })),

  get: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/tickets/{id}', { params: { path: { id } }, signal })),

  create: (body: CreateTicketRequest) => dataOf(client.POST('/api/tickets', { body })),

  update: (id: string, body: UpdateTicketRequest) =>
    dataOf(client.PATCH('/api/tickets/{id}', { params: { path: { id } }, body })),

  /** Takes back the caller's own last change (shortly after it); the undo is itself in the history. */
  undo: (id: string) => dataOf(client.POST('/api/tickets/{id}/undo', { params: { path: { id } } })),

  /** Many tickets changed as one (the queue's selection, or every ticket matching its filters). */
  bulkChange: (body: BulkChangeRequest) => dataOf(client.POST('/api/tickets/bulk-changes', { body })),

  /** Takes back the caller's own bulk change, every ticket nobody changed since. */
  undoBulkChange: (id: string) =>
    dataOf(client.POST('/api/tickets/bulk-changes/{id}/undo', { params: { path: { id } } })),

  /** A customer marks their request solved; a reply reopens it. */
  solve: (id: string) => dataOf(client.POST('/api/tickets/{id}/solve', { params: { path: { id } } })),

  listMessages: (id: string, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/tickets/{id}/messages', {
        params: { path: { id }, query: { limit: page.limit, cursor: page.cursor ?? undefined } },
        signal,
      }),
    ),

  sendMessage: (id: string, body: CreateMessageRequest) =>
    dataOf(client.POST('/api/tickets/{id}/messages', { params: { path: { id } }, body })),

  /** The caller's own unsent reply on a ticket (empty when none). */
  getDraft: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/tickets/{id}/draft', { params: { path: { id } }, signal })),

  /** `keepalive`: the request outlives the page (a tab being closed). */
  saveDraft: (id: string, body: SaveReplyDraftRequest, keepalive = false) =>
    dataOf(client.PUT('/api/tickets/{id}/draft', { params: { path: { id } }, body, keepalive })),

  /** Keeps a file in the caller's draft (through the upload checks); nobody else sees it. */
  keepDraftFile: (id: string, file: File) =>
    dataOf(
      client.POST('/api/tickets/{id}/draft/attachments', {
        params: { path: { id } },
        body: { file },
        bodySerializer: () => {
          const form = new FormData();
          form.append('file', file, file.name);
          return form;
        },
      }),
    ),

  /** The reply box at once: the text, the kept files named, and the draft gone; all or nothing. */
  sendDraft: (id: string, body: SendDraftRequest) =>
    dataOf(client.POST('/api/tickets/{id}/draft/send', { params: { path: { id } }, body })),

  removeDraftFile: (id: string, attachmentId: string) =>
    dataOf(
      client.DELETE('/api/tickets/{id}/draft/attachments/{attachmentId}', {
        params: { path: { id, attachmentId } },
      }),
    ),

  history: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/tickets/{id}/history', { params: { path: { id } }, signal })),

  listAttachments: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/tickets/{id}/attachments', { params: { path: { id } }, signal })),

  uploadAttachment: (id: string, file: File) => {
    return dataOf(
      client.POST('/api/tickets/{id}/attachments', {
        params: { path: { id } },
        body: { file },
        // Multipart, with the file's own name (the browser sets the boundary).
        bodySerializer: () => {
          const form = new FormData();
          form.append('file', file, file.name);
          return form;
        },
      }),
    );
  },

  /** Where the browser downloads an attachment from (the API answers with Content-Disposition: attachment). */
  attachmentUrl: (ticketId: string, attachmentId: string) =>
    apiUrl('/api/tickets/{id}/attachments/{attachmentId}', { path: { id: ticketId, attachmentId } }),

  /** A text attachment with every person's data stripped (its name too), as a download. */
  shareSafeUrl: (ticketId: string, attachmentId: string) =>
    apiUrl('/api/tickets/{id}/attachments/{attachmentId}/share-safe', {
      path: { id: ticketId, attachmentId },
      query: { format: 'text' },
    }),

  groups: (signal?: AbortSignal) => dataOf(client.GET('/api/groups', { signal })),

  engineers: (signal?: AbortSignal) => dataOf(client.GET('/api/engineers', { signal })),

  dashboard: (signal?: AbortSignal) => dataOf(client.GET('/api/dashboard', { signal })),

  /** The ticket's contact phone in clear, given a reason (audited by the API). */
  revealContactPhone: (id: string, reason: string) =>
    dataOf(
      client.POST('/api/tickets/{id}/reveal', {
        params: { path: { id } },
        body: { field: 'contactPhone', reason },
      }),
    ),
};
