import {
  apiPaths,
  type AttachmentInfo,
  type CreateMessageRequest,
  type CreateTicketRequest,
  type DashboardStats,
  type Page,
  type PersonRef,
  type TicketDetail,
  type TicketGroup,
  type TicketHistoryEntry,
  type TicketListResponse,
  type TicketMessage,
  type TicketQuery,
  type UpdateTicketRequest,
} from '@hushdesk/contracts';
import { apiClient, apiUrl } from '../../../lib/api-client';

export const ticketsApi = {
  list: (query: TicketQuery, signal?: AbortSignal) =>
    apiClient.get<TicketListResponse>(apiPaths.tickets, { query: { ...query }, signal }),

  get: (id: string, signal?: AbortSignal) => apiClient.get<TicketDetail>(apiPaths.ticket(id), { signal }),

  create: (body: CreateTicketRequest) => apiClient.post<TicketDetail>(apiPaths.tickets, body),

  update: (id: string, body: UpdateTicketRequest) => apiClient.patch<TicketDetail>(apiPaths.ticket(id), body),

  /** Takes back the caller's own last change (shortly after it); the undo is itself in the history. */
  undo: (id: string) => apiClient.post<TicketDetail>(apiPaths.ticketUndo(id)),

  listMessages: (id: string, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
    apiClient.get<Page<TicketMessage>>(apiPaths.ticketMessages(id), { query: page, signal }),

  sendMessage: (id: string, body: CreateMessageRequest) =>
    apiClient.post<TicketMessage>(apiPaths.ticketMessages(id), body),

  history: (id: string, signal?: AbortSignal) =>
    apiClient.get<TicketHistoryEntry[]>(apiPaths.ticketHistory(id), { signal }),

  listAttachments: (id: string, signal?: AbortSignal) =>
    apiClient.get<AttachmentInfo[]>(apiPaths.ticketAttachments(id), { signal }),

  uploadAttachment: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return apiClient.postForm<AttachmentInfo>(apiPaths.ticketAttachments(id), form);
  },

  /** Where the browser downloads an attachment from (the API answers with Content-Disposition: attachment). */
  attachmentUrl: (ticketId: string, attachmentId: string) =>
    apiUrl(apiPaths.attachment(ticketId, attachmentId)),

  /** A text attachment with every person's data stripped (its name too), as a download. */
  shareSafeUrl: (ticketId: string, attachmentId: string) =>
    `${apiUrl(apiPaths.attachmentShareSafe(ticketId, attachmentId))}?format=text`,

  groups: (signal?: AbortSignal) => apiClient.get<TicketGroup[]>(apiPaths.groups, { signal }),

  engineers: (signal?: AbortSignal) => apiClient.get<PersonRef[]>(apiPaths.engineers, { signal }),

  dashboard: (signal?: AbortSignal) => apiClient.get<DashboardStats>(apiPaths.dashboard, { signal }),

  /** The ticket's contact phone in clear, given a reason (audited by the API). */
  revealContactPhone: (id: string, reason: string) =>
    apiClient.post<{ field: string; value: string | null }>(apiPaths.ticketReveal(id), {
      field: 'contactPhone',
      reason,
    }),
};
