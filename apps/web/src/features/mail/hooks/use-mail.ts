import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  mailApi,
  type CreateMailboxRequest,
  type Mailbox,
  type MailSubscriptions,
  type OutboxStatus,
  type UpdateMailboxRequest,
} from '../api/mail-api';

const OUTBOX_PAGE_SIZE = 25;

export const mailKeys = {
  all: ['mail'] as const,
  mailboxes: () => [...mailKeys.all, 'mailboxes'] as const,
  quarantine: (id: string) => [...mailKeys.all, 'mailboxes', id, 'quarantine'] as const,
  status: () => [...mailKeys.all, 'status'] as const,
  outbox: (status: OutboxStatus | undefined) =>
    [...mailKeys.all, 'outbox', 'list', { status: status ?? 'all' }] as const,
  outboxItem: (id: string) => [...mailKeys.all, 'outbox', 'item', id] as const,
  subscriptions: () => [...mailKeys.all, 'subscriptions', 'me'] as const,
  recipient: (ticketId: string) => [...mailKeys.all, 'recipient', ticketId] as const,
};

export function useMailboxes() {
  return useQuery({
    queryKey: mailKeys.mailboxes(),
    queryFn: ({ signal }) => mailApi.mailboxes(signal),
    staleTime: 0,
  });
}

export function useCreateMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMailboxRequest) => mailApi.createMailbox(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailKeys.mailboxes() }),
  });
}

/** Edits, pauses or resumes a mailbox; the list shows the answer at once. */
export function useUpdateMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMailboxRequest }) => mailApi.updateMailbox(id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData<Mailbox[]>(mailKeys.mailboxes(), (list) =>
        list?.map((mailbox) => (mailbox.id === updated.id ? updated : mailbox)),
      );
      return queryClient.invalidateQueries({ queryKey: mailKeys.mailboxes() });
    },
  });
}

export function useDeleteMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => mailApi.deleteMailbox(id),
    onSuccess: (_answer, id) => {
      queryClient.setQueryData<Mailbox[]>(mailKeys.mailboxes(), (list) =>
        list?.filter((mailbox) => mailbox.id !== id),
      );
      return queryClient.invalidateQueries({ queryKey: mailKeys.mailboxes() });
    },
  });
}

/** Connects, signs in and opens the folder; changes no mail. */
export function useTestMailbox() {
  return useMutation({ mutationFn: (id: string) => mailApi.testMailbox(id) });
}

export function useQuarantine(mailboxId: string, enabled: boolean) {
  return useQuery({
    queryKey: mailKeys.quarantine(mailboxId),
    queryFn: ({ signal }) => mailApi.quarantine(mailboxId, signal),
    enabled,
    staleTime: 0,
  });
}

export function useMailStatus() {
  return useQuery({ queryKey: mailKeys.status(), queryFn: ({ signal }) => mailApi.status(signal) });
}

/** The outbox, newest first, a page at a time, optionally one status only. */
export function useOutbox(status: OutboxStatus | undefined) {
  return useInfiniteQuery({
    queryKey: mailKeys.outbox(status),
    queryFn: ({ pageParam, signal }) =>
      mailApi.outbox({ status, cursor: pageParam ?? undefined, limit: OUTBOX_PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    staleTime: 0,
  });
}

export function useOutboxItem(id: string | null) {
  return useQuery({
    queryKey: mailKeys.outboxItem(id ?? ''),
    queryFn: ({ signal }) => mailApi.outboxItem(id ?? '', signal),
    enabled: id !== null,
  });
}

export function useMailSubscriptions() {
  return useQuery({
    queryKey: mailKeys.subscriptions(),
    queryFn: ({ signal }) => mailApi.subscriptions(signal),
  });
}

/**
 * Saves the choices. The box shows the new choice at once (a checkbox that only changes after the
 * server answers looks broken); if saving fails the old choice comes back with the error.
 */
export function useUpdateMailSubscriptions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MailSubscriptions) => mailApi.updateSubscriptions(body),
    onMutate: async (next) => {
      await queryClient.cancelQueries({ queryKey: mailKeys.subscriptions() });
      const previous = queryClient.getQueryData<MailSubscriptions>(mailKeys.subscriptions());
      queryClient.setQueryData(mailKeys.subscriptions(), next);
      return { previous };
    },
    onError: (_error, _next, context) => {
      if (context?.previous) queryClient.setQueryData(mailKeys.subscriptions(), context.previous);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(mailKeys.subscriptions(), saved);
    },
  });
}

/** Who a public reply on this ticket would be emailed to, or why it would not be. */
export function useMailRecipient(ticketId: string, enabled = true) {
  return useQuery({
    queryKey: mailKeys.recipient(ticketId),
    queryFn: ({ signal }) => mailApi.recipient(ticketId, signal),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}
