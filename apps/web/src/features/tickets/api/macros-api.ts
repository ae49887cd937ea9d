import type { CreateMacroRequest, UpdateMacroRequest } from '@hushdesk/api-client';
import { client, dataOf } from '../../../lib/api-client';

export const macrosApi = {
  /** Shared macros and the caller's own, by title; `q` narrows by words of the title or text. */
  list: (q: string | undefined, signal?: AbortSignal) =>
    dataOf(client.GET('/api/macros', { params: { query: q ? { q } : {} }, signal })),

  create: (body: CreateMacroRequest) => dataOf(client.POST('/api/macros', { body })),

  /** Title, text or ticket changes (`actions` replaces them as a whole); never personal/shared. */
  update: (id: string, body: UpdateMacroRequest) =>
    dataOf(client.PATCH('/api/macros/{id}', { params: { path: { id } }, body })),

  remove: (id: string) => dataOf(client.DELETE('/api/macros/{id}', { params: { path: { id } } })),

  /** Fills the macro's placeholders for this ticket and makes its ticket changes. */
  apply: (macroId: string, ticketId: string) =>
    dataOf(client.POST('/api/macros/{id}/apply', { params: { path: { id: macroId } }, body: { ticketId } })),
};
