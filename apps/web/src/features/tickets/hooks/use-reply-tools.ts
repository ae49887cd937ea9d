import type {
  CreateMacroRequest,
  DraftFile,
  SendDraftRequest,
  UpdateMacroRequest,
} from '@hushdesk/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import { macrosApi } from '../api/macros-api';
import { ticketsApi } from '../api/tickets-api';
import { uploadFiles } from '../components/attachment-rules';
import { appendAttachment, appendMessage, ticketKeys } from './ticket-cache';
import { afterTicketChange } from './use-tickets';

const macroKeys = {
  all: ['macros'] as const,
  list: (q: string) => ['macros', 'list', q] as const,
};
const draftKey = (ticketId: string) => ['tickets', 'draft', ticketId] as const;

/** The macros the reply box offers, narrowed as the engineer types. */
export function useMacros(q: string, enabled: boolean) {
  return useQuery({
    queryKey: macroKeys.list(q),
    queryFn: ({ signal }) => macrosApi.list(q.trim() || undefined, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Saves a text as the engineer's own (personal) macro. */
export function useCreateMacro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; body: string }) => macrosApi.create({ ...input, shared: false }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: macroKeys.all });
    },
  });
}

/** Creates a macro from the macros page: personal, or shared when an admin asks (the API checks). */
export function useSaveNewMacro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateMacroRequest) => macrosApi.create(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: macroKeys.all });
    },
  });
}

/** Edits a macro the caller may change (their own; shared ones for admins). */
export function useUpdateMacro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateMacroRequest & { id: string }) => macrosApi.update(id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: macroKeys.all });
    },
  });
}

/** Deletes a macro the caller may change. */
export function useDeleteMacro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => macrosApi.remove(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: macroKeys.all });
    },
  });
}

/** Applies a macro: its ticket changes land in the cache like any other change. */
export function useApplyMacro(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (macroId: string) => macrosApi.apply(macroId, ticketId),
    onSuccess: (applied) => {
      afterTicketChange(queryClient, applied.ticket);
    },
  });
}

/** The engineer's own unsent reply on this ticket, read once when the ticket opens. */
export function useReplyDraft(ticketId: string) {
  return useQuery({
    queryKey: draftKey(ticketId),
    queryFn: ({ signal }) => ticketsApi.getDraft(ticketId, signal),
    // Read once per visit: later saves come from this page, so a refetch would only undo typing.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** Uploads files to a ticket just created (the new-ticket form); the ones that failed, with why. */
export function uploadToTicket(ticketId: string, files: readonly File[]) {
  return uploadFiles(ticketId, files, (id, file) => ticketsApi.uploadAttachment(id, file));
}

/**
 * The files of the engineer's draft on this ticket: each chosen file is stored in the draft at
 * once (so it is still there after leaving the page), removed from it on the server, and moved
 * onto the ticket with the reply (`useSendDraft`).
 */
export function useDraftFiles(ticketId: string, initial: readonly DraftFile[]) {
  const [kept, setKept] = useState<DraftFile[]>([...initial]);
  const [saving, setSaving] = useState(0);

  /** Stores the files one by one; the ones that could not be kept, with why. */
  const add = async (files: readonly File[]): Promise<{ name: string; why: string }[]> => {
    setSaving((n) => n + files.length);
    const failed: { name: string; why: string }[] = [];
    for (const file of files) {
      try {
        const stored = await ticketsApi.keepDraftFile(ticketId, file);
        setKept((current) => [...current, stored]);
      } catch (error) {
        failed.push({ name: file.name, why: isApiError(error) ? error.message : 'Please try again.' });
      } finally {
        setSaving((n) => n - 1);
      }
    }
    return failed;
  };

  const remove = async (id: string): Promise<void> => {
    await ticketsApi.removeDraftFile(ticketId, id);
    setKept((current) => current.filter((f) => f.id !== id));
  };

  /** Takes files the server has moved onto the ticket out of the box. */
  const sent = (ids: readonly string[]) => {
    setKept((current) => current.filter((f) => !ids.includes(f.id)));
  };

  /** Lists again what the server keeps (after a send found a file gone from the draft). */
  const reload = async (): Promise<void> => {
    setKept((await ticketsApi.getDraft(ticketId)).files);
  };

  return { kept, saving: saving > 0, add, remove, sent, reload };
}

/**
 * Sends the reply box in one request: the text, the kept files and the draft's end, all or nothing,
 * so a refused reply never leaves its files on the ticket (or the reverse).
 */
export function useSendDraft(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SendDraftRequest) => ticketsApi.sendDraft(ticketId, body),
    onSuccess: (sent) => {
      if (sent.message) appendMessage(queryClient, sent.message);
      for (const attachment of sent.attachments) appendAttachment(queryClient, attachment);
      // A reply can move the status and stops the first-response clock.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
    },
  });
}
