/** Every keyset-paginated list: pass `nextCursor` back as `cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The one error shape every failing route returns. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  correlationId: string;
  /** For 400s: each offending field (dotted path) and what is wrong with it. */
  fields?: Record<string, string[]>;
}

export const API_PREFIX = '/api';

/** Paths of the public API, relative to `API_PREFIX`, so no client types a URL by hand. */
export const apiPaths = {
  health: '/health',
  login: '/auth/login',
  demo: '/demo',
  logout: '/auth/logout',
  refresh: '/auth/refresh',
  password: '/auth/password',
  me: '/auth/me',
  organisations: '/organisations',
  users: '/users',
  person: (id: string) => `/people/${id}`,
  personReveal: (id: string) => `/people/${id}/reveal`,
  privacyFields: '/privacy/fields',
  privacyField: (field: string) => `/privacy/fields/${field}`,
  privacyFieldPurge: (field: string) => `/privacy/fields/${field}/purge`,
  privacyCollection: '/privacy/collection',
  privacyNotice: '/privacy/notice',
  privacyNoticeController: '/privacy/notice/controller',
  controllerSettings: '/settings/controller',
  ropa: '/privacy/ropa',
  audit: '/audit',
  auditVerify: '/audit/verify',
  tickets: '/tickets',
  ticket: (id: string) => `/tickets/${id}`,
  ticketMessages: (id: string) => `/tickets/${id}/messages`,
  ticketHistory: (id: string) => `/tickets/${id}/history`,
  ticketUndo: (id: string) => `/tickets/${id}/undo`,
  ticketReveal: (id: string) => `/tickets/${id}/reveal`,
  ticketAttachments: (id: string) => `/tickets/${id}/attachments`,
  attachment: (ticketId: string, id: string) => `/tickets/${ticketId}/attachments/${id}`,
  attachmentShareSafe: (ticketId: string, id: string) => `/tickets/${ticketId}/attachments/${id}/share-safe`,
  groups: '/groups',
  engineers: '/engineers',
  dashboard: '/dashboard',
  organisation: (id: string) => `/organisations/${id}`,
  recordings: '/recordings',
  recording: (id: string) => `/recordings/${id}`,
  recordingAudio: (id: string) => `/recordings/${id}/audio`,
  recordingHold: (id: string) => `/recordings/${id}/hold`,
  recordingsImport: '/recordings/import',
  recordingsSearch: '/recordings/search',
  retentionRuns: '/retention/runs',
  retentionRun: (id: string) => `/retention/runs/${id}`,
  retentionPolicies: '/retention/policies',
  retentionPolicy: (category: string) => `/retention/policies/${category}`,
  retentionForecast: '/retention/forecast',
  retentionHolds: '/retention/holds',
  dsars: '/dsar',
  dsarDashboard: '/dsar/dashboard',
  dsar: (id: string) => `/dsar/${id}`,
  dsarAction: (id: string, action: string) => `/dsar/${id}/${action}`,
  dsarItems: (id: string) => `/dsar/${id}/items`,
  dsarItemExclusion: (id: string, itemId: string) => `/dsar/${id}/items/${itemId}/exclusion`,
  dsarRedaction: (id: string, redactionId: string) => `/dsar/${id}/redactions/${redactionId}`,
  dsarExport: (id: string, format: 'json' | 'zip' | 'csv') => `/dsar/${id}/export?format=${format}`,
  dsarErasurePreview: (id: string) => `/dsar/${id}/erasure-preview`,
  dsarEvidence: (id: string) => `/dsar/${id}/evidence`,
  dsarDownload: (token: string) => `/dsar/downloads/${token}`,
  dsarDownloadStatus: (token: string) => `/dsar/downloads/${token}/status`,
  dsarDownloadCode: (id: string) => `/dsar/${id}/download-code`,
} as const;

/** Password rules shared by the API's validation and the web forms. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
