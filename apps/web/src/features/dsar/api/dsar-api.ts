import { API_PREFIX, DSAR_DOWNLOAD_CODE_HEADER } from '@hushdesk/contracts';
import type {
  ChooseDsarSubjectRequest,
  CreateDsarRequest,
  DsarListQuery,
  ExtendDsarRequest,
  RectifyDsarRequest,
  VerifyDsarRequest,
} from '@hushdesk/api-client';
import { apiUrl, client, dataOf, downloadFile } from '../../../lib/api-client';

/** Actions whose only input is a reason. */
export type ReasonAction =
  'request_information' | 'resume' | 'reject' | 'restrict' | 'lift_restriction' | 'object' | 'complete';

/** The body of each action that takes one (`collect` and `release` take none). */
export type DsarActionInput =
  | { action: 'verify'; body: VerifyDsarRequest }
  | { action: 'extend'; body: ExtendDsarRequest }
  | { action: ReasonAction; body: { reason: string } }
  | { action: 'choose_subject'; body: ChooseDsarSubjectRequest }
  | { action: 'rectify'; body: RectifyDsarRequest }
  | { action: 'collect' };

export type DsarListFilters = Omit<DsarListQuery, 'limit' | 'cursor'>;

/** The file types the API takes as third-party authority evidence. */
export const EVIDENCE_ACCEPT = 'application/pdf,image/png,image/jpeg,text/plain';

/** A header value must be ASCII: other names are sent percent-encoded. */
function fileNameHeader(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? name : encodeURIComponent(name);
}

/** Each action is its own route, `POST /dsar/:id/<action>`; answers with the request as it is now. */
function act(id: string, input: DsarActionInput) {
  const params = { path: { id } };
  switch (input.action) {
    case 'verify':
      return dataOf(client.POST('/api/dsar/{id}/verify', { params, body: input.body }));
    case 'extend':
      return dataOf(client.POST('/api/dsar/{id}/extend', { params, body: input.body }));
    case 'request_information':
      return dataOf(client.POST('/api/dsar/{id}/request-information', { params, body: input.body }));
    case 'resume':
      return dataOf(client.POST('/api/dsar/{id}/resume', { params, body: input.body }));
    case 'reject':
      return dataOf(client.POST('/api/dsar/{id}/reject', { params, body: input.body }));
    case 'restrict':
      return dataOf(client.POST('/api/dsar/{id}/restrict', { params, body: input.body }));
    case 'lift_restriction':
      return dataOf(client.POST('/api/dsar/{id}/lift-restriction', { params, body: input.body }));
    case 'object':
      return dataOf(client.POST('/api/dsar/{id}/object', { params, body: input.body }));
    case 'complete':
      return dataOf(client.POST('/api/dsar/{id}/complete', { params, body: input.body }));
    case 'choose_subject':
      return dataOf(client.POST('/api/dsar/{id}/subject', { params, body: input.body }));
    case 'rectify':
      return dataOf(client.POST('/api/dsar/{id}/rectify', { params, body: input.body }));
    case 'collect':
      return dataOf(client.POST('/api/dsar/{id}/collect', { params }));
  }
}

export const dsarApi = {
  list: (query: DsarListQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/dsar', { params: { query }, signal })),

  dashboard: (signal?: AbortSignal) => dataOf(client.GET('/api/dsar/dashboard', { signal })),

  create: (body: CreateDsarRequest) => dataOf(client.POST('/api/dsar', { body })),

  get: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/dsar/{id}', { params: { path: { id } }, signal })),

  /** Answers with the request as it is now (`collect` and `choose_subject` with 202). */
  act,

  items: (id: string, query: { limit: number; cursor: string | null }, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/dsar/{id}/items', {
        params: { path: { id }, query: { limit: query.limit, cursor: query.cursor ?? undefined } },
        signal,
      }),
    ),

  setExclusion: (id: string, itemId: string, body: { excluded: boolean; reason: string }) =>
    dataOf(client.PUT('/api/dsar/{id}/items/{itemId}/exclusion', { params: { path: { id, itemId } }, body })),

  setRedaction: (id: string, redactionId: string, body: { redacted: boolean; reason: string }) =>
    dataOf(
      client.PUT('/api/dsar/{id}/redactions/{redactionId}', { params: { path: { id, redactionId } }, body }),
    ),

  release: (id: string) => dataOf(client.POST('/api/dsar/{id}/release', { params: { path: { id } } })),

  /** A new one-time code for the released link; the previous code stops working. */
  renewDownloadCode: (id: string) =>
    dataOf(client.POST('/api/dsar/{id}/download-code', { params: { path: { id } } })),

  /** What a download link needs (sign-in or a code), for the requester's download page. */
  downloadStatus: (token: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/dsar/downloads/{token}/status', { params: { path: { token } }, signal })),

  /** The released package, opened by the requester's session or their one-time code. */
  download: (token: string, code?: string) =>
    downloadFile(
      '/api/dsar/downloads/{token}',
      { path: { token } },
      code ? { [DSAR_DOWNLOAD_CODE_HEADER]: code } : {},
    ),

  erasurePreview: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/dsar/{id}/erasure-preview', { params: { path: { id } }, signal })),

  erase: (id: string, confirmation: string) =>
    dataOf(client.POST('/api/dsar/{id}/erase', { params: { path: { id } }, body: { confirmation } })),

  uploadEvidence: (id: string, file: File) =>
    dataOf(
      client.PUT('/api/dsar/{id}/evidence', {
        params: { path: { id } },
        body: file,
        headers: {
          'Content-Type': file.type || 'application/octet-stream',
          'x-file-name': fileNameHeader(file.name),
        },
      }),
    ),
};

/** The package's download URL, for a plain link (the session cookie goes with it). */
export function dsarExportUrl(id: string, format: 'json' | 'zip' | 'csv'): string {
  return apiUrl('/api/dsar/{id}/export', { path: { id }, query: { format } });
}

/** A release's link as the API gives it: with the `/api` prefix (tolerated without). */
export function releaseDownloadUrl(downloadPath: string): string {
  if (/^https?:\/\//.test(downloadPath)) return downloadPath;
  return downloadPath.startsWith(`${API_PREFIX}/`) ? downloadPath : `${API_PREFIX}${downloadPath}`;
}
