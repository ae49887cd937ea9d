import {
  API_PREFIX,
  DSAR_DOWNLOAD_CODE_HEADER,
  apiPaths,
  type ChooseDsarSubjectRequest,
  type CreateDsarRequest,
  type CreateDsarResponse,
  type DsarAction,
  type DsarDashboard,
  type DsarDetail,
  type DsarDownloadCode,
  type DsarDownloadStatus,
  type DsarItem,
  type DsarListQuery,
  type DsarRelease,
  type DsarSummary,
  type ErasurePreview,
  type ErasureReceipt,
  type ExtendDsarRequest,
  type Page,
  type RectifyDsarRequest,
  type VerifyDsarRequest,
} from '@hushdesk/contracts';
import { apiClient, apiUrl, downloadFile } from '../../../lib/api-client';

/** The last segment of each action's route: `POST /dsar/:id/<segment>`. */
export const DSAR_ACTION_SEGMENTS: Record<DsarAction, string> = {
  verify: 'verify',
  request_information: 'request-information',
  resume: 'resume',
  reject: 'reject',
  extend: 'extend',
  collect: 'collect',
  choose_subject: 'subject',
  release: 'release',
  erase: 'erase',
  rectify: 'rectify',
  restrict: 'restrict',
  lift_restriction: 'lift-restriction',
  object: 'object',
  complete: 'complete',
  upload_evidence: 'evidence',
};

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

export const dsarApi = {
  list: (query: DsarListQuery, signal?: AbortSignal) =>
    apiClient.get<Page<DsarSummary>>(apiPaths.dsars, { query: { ...query }, signal }),

  dashboard: (signal?: AbortSignal) => apiClient.get<DsarDashboard>(apiPaths.dsarDashboard, { signal }),

  create: (body: CreateDsarRequest) => apiClient.post<CreateDsarResponse>(apiPaths.dsars, body),

  get: (id: string, signal?: AbortSignal) => apiClient.get<DsarDetail>(apiPaths.dsar(id), { signal }),

  /** Answers with the request as it is now (`collect` and `choose_subject` with 202). */
  act: (id: string, input: DsarActionInput) =>
    apiClient.post<DsarDetail | undefined>(
      apiPaths.dsarAction(id, DSAR_ACTION_SEGMENTS[input.action]),
      'body' in input ? input.body : undefined,
    ),

  items: (id: string, query: { limit: number; cursor: string | null }, signal?: AbortSignal) =>
    apiClient.get<Page<DsarItem>>(apiPaths.dsarItems(id), { query: { ...query }, signal }),

  setExclusion: (id: string, itemId: string, body: { excluded: boolean; reason: string }) =>
    apiClient.put<unknown>(apiPaths.dsarItemExclusion(id, itemId), body),

  setRedaction: (id: string, redactionId: string, body: { redacted: boolean; reason: string }) =>
    apiClient.put<unknown>(apiPaths.dsarRedaction(id, redactionId), body),

  release: (id: string) => apiClient.post<DsarRelease>(apiPaths.dsarAction(id, DSAR_ACTION_SEGMENTS.release)),

  /** A new one-time code for the released link; the previous code stops working. */
  renewDownloadCode: (id: string) => apiClient.post<DsarDownloadCode>(apiPaths.dsarDownloadCode(id)),

  /** What a download link needs (sign-in or a code), for the requester's download page. */
  downloadStatus: (token: string, signal?: AbortSignal) =>
    apiClient.get<DsarDownloadStatus>(apiPaths.dsarDownloadStatus(token), { signal }),

  /** The released package, opened by the requester's session or their one-time code. */
  download: (token: string, code?: string) =>
    downloadFile(apiPaths.dsarDownload(token), code ? { [DSAR_DOWNLOAD_CODE_HEADER]: code } : {}),

  erasurePreview: (id: string, signal?: AbortSignal) =>
    apiClient.get<ErasurePreview>(apiPaths.dsarErasurePreview(id), { signal }),

  erase: (id: string, confirmation: string) =>
    apiClient.post<ErasureReceipt>(apiPaths.dsarAction(id, DSAR_ACTION_SEGMENTS.erase), { confirmation }),

  uploadEvidence: (id: string, file: File) =>
    apiClient.putRaw<DsarDetail | undefined>(apiPaths.dsarEvidence(id), file, {
      contentType: file.type || 'application/octet-stream',
      headers: { 'x-file-name': fileNameHeader(file.name) },
    }),
};

/** The package's download URL, for a plain link (the session cookie goes with it). */
export function dsarExportUrl(id: string, format: 'json' | 'zip' | 'csv'): string {
  return apiUrl(apiPaths.dsarExport(id, format));
}

/** A release's link as the API gives it: with the `/api` prefix (tolerated without). */
export function releaseDownloadUrl(downloadPath: string): string {
  if (/^https?:\/\//.test(downloadPath)) return downloadPath;
  return downloadPath.startsWith(`${API_PREFIX}/`) ? downloadPath : apiUrl(downloadPath);
}
