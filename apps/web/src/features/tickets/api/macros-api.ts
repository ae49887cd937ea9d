import type { CreateMacroRequest } from '@hushdesk/api-client';
import { client, dataOf } from '../../../lib/api-client';

export const macrosApi = {
  /** Shared macros and the caller's own, by title; `q` narrows by words of the title or text. */
  list: (q: string | undefined, signal?: AbortSignal) =>
    dataOf(client.GET('/api/macros', { params: { query: q ? { q } : {} }, signal })),

  create: (body: CreateMacroRequest) => dataOf(client.POST('/api/macros', { body })),

  /** Fills the macro's placeholders for this ticket and makes its ticket changes. */
  apply: (macroId: string, ticketId: string) =>
    dataOf(client.POST('/api/macros/{id}/apply', { params: { path: { id: macroId } }, body: { ticketId } })),
};
