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

/**
 * Paths the API writes into its own answers (a released package's links), relative to `API_PREFIX`.
 * Clients take every path from the OpenAPI document (`@hushdesk/api-client`).
 */
export const apiPaths = {
  dsarExport: (id: string, format: 'json' | 'zip' | 'csv') => `/dsar/${id}/export?format=${format}`,
  dsarDownload: (token: string) => `/dsar/downloads/${token}`,
} as const;

/** Password rules shared by the API's validation and the web forms. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
