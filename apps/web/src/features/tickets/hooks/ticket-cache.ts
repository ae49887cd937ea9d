/**
 * Writes into the TanStack Query caches for tickets, shared by the mutations (our own changes)
 * and the live socket events (everyone else's), so both update the screens the same way.
 */
import type {
  AttachmentInfo,
  Page,
  TicketDetail,
  TicketListResponse,
  TicketMessage,
  TicketQuery,
  TicketSummary,
} from '@hushdesk/api-client';
import { ALLOWED_TRANSITIONS } from '@hushdesk/ticketing';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';

/** The list filters that make up a queue's cache key (paging is the infinite query's business). */
export type TicketFilters = Omit<TicketQuery, 'limit' | 'cursor'>;

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (filters: TicketFilters) => [...ticketKeys.lists(), filters] as const,
  details: () => [...ticketKeys.all, 'detail'] as const,
  detail: (id: string) => [...ticketKeys.details(), id] as const,
  messages: (id: string) => [...ticketKeys.all, 'messages', id] as const,
  history: (id: string) => [...ticketKeys.all, 'history', id] as const,
  attachments: (id: string) => [...ticketKeys.all, 'attachments', id] as const,
  groups: () => [...ticketKeys.all, 'groups'] as const,
  engineers: () => [...ticketKeys.all, 'engineers'] as const,
  dashboard: () => [...ticketKeys.all, 'dashboard'] as const,
  /** Saved views with their counts, which move with every ticket. */
  views: () => [...ticketKeys.all, 'views'] as const,
};

export type TicketListData = InfiniteData<TicketListResponse, string | null>;
export type MessageData = InfiniteData<Page<TicketMessage>, string | null>;

/** An older copy must never overwrite a newer one (events and responses can cross). */
function isNotOlder(incoming: { updatedAt: string }, existing: { updatedAt: string }): boolean {
  return Date.parse(incoming.updatedAt) >= Date.parse(existing.updatedAt);
}

function toSummary(ticket: TicketSummary): TicketSummary {
  return {
    id: ticket.id,
    reference: ticket.reference,
    type: ticket.type,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category,
    requester: ticket.requester,
    organisation: ticket.organisation,
    assignee: ticket.assignee,
    group: ticket.group,
    tags: ticket.tags,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    nextDueAt: ticket.nextDueAt,
    sla: ticket.sla,
  };
}

/** Replaces the ticket wherever a loaded queue page holds it. Where it should now sit is for a refetch. */
export function replaceTicketInLists(queryClient: QueryClient, ticket: TicketSummary): void {
  const summary = toSummary(ticket);
  queryClient.setQueriesData<TicketListData>({ queryKey: ticketKeys.lists() }, (data) => {
    if (!data) return data;
    let changed = false;
    const pages = data.pages.map((page) => {
      const index = page.items.findIndex((item) => item.id === summary.id);
      if (index === -1 || !isNotOlder(summary, page.items[index])) return page;
      changed = true;
      const items = page.items.slice();
      items[index] = summary;
      return { ...page, items };
    });
    return changed ? { ...data, pages } : data;
  });
}

/**
 * Folds a newer summary into the cached detail. Until the detail is refetched, the next statuses
 * are worked out here (staff get them; customers have none).
 */
export function mergeIntoDetail(queryClient: QueryClient, ticket: TicketSummary): void {
  queryClient.setQueryData<TicketDetail>(ticketKeys.detail(ticket.id), (detail) => {
    if (!detail || !isNotOlder(ticket, detail)) return detail;
    const allowedTransitions =
      ticket.status !== detail.status && detail.allowedTransitions.length > 0
        ? [...ALLOWED_TRANSITIONS[ticket.status]]
        : detail.allowedTransitions;
    return { ...detail, ...toSummary(ticket), allowedTransitions };
  });
}

/** A fresh detail from the API (our own change): the detail itself and every list that shows it. */
export function storeTicketDetail(queryClient: QueryClient, detail: TicketDetail): void {
  queryClient.setQueryData<TicketDetail>(ticketKeys.detail(detail.id), detail);
  replaceTicketInLists(queryClient, detail);
}

/**
 * Adds a message to the end of a loaded thread, once. When newer pages are still to be loaded,
 * it is left for "Show newer messages" to fetch in order.
 */
export function appendMessage(queryClient: QueryClient, message: TicketMessage): void {
  queryClient.setQueryData<MessageData>(ticketKeys.messages(message.ticketId), (data) => {
    if (!data || data.pages.length === 0) return data;
    if (data.pages.some((page) => page.items.some((item) => item.id === message.id))) return data;
    const last = data.pages[data.pages.length - 1];
    if (last.nextCursor) return data;
    const pages = [...data.pages.slice(0, -1), { ...last, items: [...last.items, message] }];
    return { ...data, pages };
  });
}

export function appendAttachment(queryClient: QueryClient, attachment: AttachmentInfo): void {
  queryClient.setQueryData<AttachmentInfo[]>(ticketKeys.attachments(attachment.ticketId), (list) => {
    if (!list) return list;
    if (list.some((item) => item.id === attachment.id)) return list;
    return [...list, attachment];
  });
}
