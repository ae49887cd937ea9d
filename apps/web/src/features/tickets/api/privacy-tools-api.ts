import { client, dataOf } from '../../../lib/api-client';

/** The ticket page's privacy tools: the share-safe copy (engineers, DPO) and redaction (DPO). */
export const privacyToolsApi = {
  shareSafeCopy: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/tickets/{id}/share-safe', { params: { path: { id } }, signal })),

  redactMessage: (id: string, messageId: string, reason: string) =>
    dataOf(
      client.POST('/api/tickets/{id}/messages/{messageId}/redact', {
        params: { path: { id, messageId } },
        body: { reason },
      }),
    ),

  redactAttachment: (id: string, attachmentId: string, reason: string) =>
    dataOf(
      client.POST('/api/tickets/{id}/attachments/{attachmentId}/redact', {
        params: { path: { id, attachmentId } },
        body: { reason },
      }),
    ),
};
